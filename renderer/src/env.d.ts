/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The transport of this build: `http` (headless server, default) or `ipc` (desktop app). */
  readonly VITE_TRANSPORT: 'http' | 'ipc';
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
