// Put into the preload bundle at build time from core/contract (electron.vite.config.ts), so that
// the preload does not carry the contract's schemas (zod) just to know the names.
declare const __RECORDER_OPERATION_NAMES__: readonly string[];
declare const __RECORDER_EVENT_NAMES__: readonly string[];
