// How recordings are named and tagged: pure (Intl only), shared by the processor and the UI's
// live preview, so the preview shows exactly what the recorder will write.
export * from './file-name';
export * from './local-time';
export * from './recording-names';
export * from './tag-values';
