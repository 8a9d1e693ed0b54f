export * from './errors';
export * from './events';
export * from './session';
export * from './search';
export * from './desktop';
export * from './recording-phase';
export * from './ffmpeg-messages';
export * from './delivery';
