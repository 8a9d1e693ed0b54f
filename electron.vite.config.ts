// The desktop app's build (electron-vite): `npm run dev` (hot reload, where Electron is
// installed) and `npm run build` write out/desktop/{main,preload,renderer}, apart from the web
// UI's HTTP build (out/renderer, served by the headless server) and the server bundle (dist/).
//   main     electron/main/index.ts → ESM (package.json "type": "module"); npm packages stay
//            external (native modules: better-sqlite3, sharp), core/ is bundled in
//   preload  electron/preload/index.ts → ONE CommonJS file, nothing left to require but
//            'electron' (a sandboxed preload can load neither ES modules nor other files)
//   renderer renderer/ built by renderer/vite.config.ts with VITE_TRANSPORT=ipc (relative
//            assets, hash routes, the IPC transport) plus the desktop CSP as a <meta> tag
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import type { ConfigEnv, Plugin, UserConfig, UserConfigFnObject } from 'vite';
import { EVENT_NAMES } from './core/contract/events';
import { OPERATION_NAMES } from './core/contract/operations';
import { contentSecurityPolicy } from './electron/main/csp';
import webConfig from './renderer/vite.config';

// (the config is bundled before it runs: import.meta.url is kept per file, dirname is not)
const root = fileURLToPath(new URL('.', import.meta.url));
export const DESKTOP_OUT = resolve(root, 'out/desktop');

/** The desktop CSP as the first tag of the built page's <head>. */
function desktopCsp(): Plugin {
  return {
    name: 'desktop-csp',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy() },
        injectTo: 'head-prepend',
      },
    ],
  };
}

/** renderer/vite.config.ts's own config for the IPC transport, written to out/desktop. */
function desktopRenderer(env: ConfigEnv): UserConfig {
  process.env.VITE_TRANSPORT = 'ipc';
  const web = (webConfig as UserConfigFnObject)(env);
  return {
    ...web,
    root: resolve(root, 'renderer'),
    plugins: [...(web.plugins ?? []), desktopCsp()],
    build: {
      ...web.build,
      outDir: resolve(DESKTOP_OUT, 'renderer'),
      emptyOutDir: true,
      // as the web build (electron-vite leaves bundles unminified by default)
      minify: true,
      rolldownOptions: { input: resolve(root, 'renderer/index.html') },
    },
    // the desktop window talks IPC: no /api proxy; another port than the web dev server's
    server: { host: '127.0.0.1', port: 5174, strictPort: false },
    preview: undefined,
  };
}

export default defineConfig((env) => ({
  main: {
    build: {
      outDir: resolve(DESKTOP_OUT, 'main'),
      sourcemap: true,
      lib: { entry: resolve(root, 'electron/main/index.ts'), fileName: 'index' },
    },
  },
  preload: {
    define: {
      __RECORDER_OPERATION_NAMES__: JSON.stringify(OPERATION_NAMES),
      __RECORDER_EVENT_NAMES__: JSON.stringify(EVENT_NAMES),
    },
    build: {
      outDir: resolve(DESKTOP_OUT, 'preload'),
      // bundle everything into the one file (a sandboxed preload requires only 'electron')
      externalizeDeps: false,
      lib: {
        entry: resolve(root, 'electron/preload/index.ts'),
        formats: ['cjs'],
        fileName: 'index',
      },
    },
  },
  renderer: desktopRenderer(env),
}));
