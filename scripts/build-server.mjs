// Bundles the headless server (core/server/main.ts and everything it imports from core/) into
// dist/server/main.js: one ESM file for Node 20, npm packages left external (resolved from
// node_modules at run time: native modules such as better-sqlite3 and sharp cannot be bundled).
//   node scripts/build-server.mjs        (npm run build:server)
import { build, stop } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const serverEntry = join(repoRoot, 'core/server/main.ts');
export const serverBundle = join(repoRoot, 'dist/server/main.js');

export async function buildServer() {
  const started = Date.now();
  await build({
    entryPoints: [serverEntry],
    outfile: serverBundle,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
    legalComments: 'none',
    // bundled code that calls require() (none today) would find it in ESM through this
    banner: {
      js: "import { createRequire as __asrCreateRequire } from 'node:module';\nconst require = __asrCreateRequire(import.meta.url);",
    },
  });
  // esbuild's service process would otherwise stay a child of `npm start`'s launcher for as long
  // as the server runs (a later build starts a new one)
  await stop();
  return Date.now() - started;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const ms = await buildServer();
  console.log(`built ${serverBundle.slice(repoRoot.length + 1)} in ${ms} ms`);
}
