import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig, loadEnv } from 'vite';

// The web UI: `npx vite build --config renderer/vite.config.ts` (npm run build:renderer) builds it
// into out/renderer, where the headless server serves it; `npx vite --config
// renderer/vite.config.ts` serves it with hot reload and passes /api to a server on port 8666.
//
// VITE_TRANSPORT picks how the UI reaches the core: `http` (HTTP + Server-Sent Events, the
// default) or `ipc` (the desktop app's preload bridge; assets then load relative to index.html,
// from file://).
//
// `@contract` is core/contract, the one part of the core the renderer may import (ESLint's
// boundary rule keeps it so); tsconfig.web.json and vitest.config.ts's unit project name the
// same alias, and electron.vite.config.ts builds the desktop renderer with this config.
// (import.meta.url, not dirname: electron.vite.config.ts bundles this file, keeping only the url)
const ALIASES = { '@contract': fileURLToPath(new URL('../core/contract', import.meta.url)) };

const TRANSPORTS = ['http', 'ipc'] as const;
const root = import.meta.dirname;

export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, root, 'VITE_');
  const transport = (env.VITE_TRANSPORT || 'http') as (typeof TRANSPORTS)[number];
  if (!TRANSPORTS.includes(transport)) {
    throw new Error(`VITE_TRANSPORT must be one of ${TRANSPORTS.join(', ')}, not "${transport}"`);
  }
  const apiTarget = env.VITE_API_TARGET || 'http://127.0.0.1:8666';
  return {
    root,
    // the server answers every page path (/streams/x) with index.html: assets need absolute URLs
    base: transport === 'ipc' ? './' : '/',
    plugins: [vue()],
    resolve: { alias: ALIASES },
    define: {
      'import.meta.env.VITE_TRANSPORT': JSON.stringify(transport),
    },
    build: {
      outDir: '../out/renderer',
      emptyOutDir: true,
      target: 'es2022',
      reportCompressedSize: true,
    },
    server: {
      host: '127.0.0.1',
      port: 5173,
      strictPort: true,
      proxy: { '/api': { target: apiTarget, changeOrigin: false } },
    },
    preview: { host: '127.0.0.1', port: 4173 },
  };
});
