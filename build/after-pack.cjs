// electron-builder's afterPack hook (electron-builder.yml). `npmRebuild` rebuilt the native
// modules (better-sqlite3; ssh2's optional crypto binding and cpu-features) in the project's
// node_modules for Electron's ABI, and the packaged app now holds its own copy: put back the
// builds for Node, which the tests, `npm start` and the container use.
// Set ASR_KEEP_ELECTRON_ABI=1 to skip (e.g. to run `npm run dev` with Electron afterwards).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS hook
const { execFileSync } = require('node:child_process');

module.exports = async function afterPack(context) {
  if (process.env.ASR_KEEP_ELECTRON_ABI === '1' || context.packager.config.npmRebuild === false)
    return;
  const cwd = context.packager.projectDir;
  const modules = ['better-sqlite3', 'ssh2', 'cpu-features'];
  console.log(`  • restoring the Node builds of ${modules.join(', ')} (npm rebuild)`);
  execFileSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['rebuild', ...modules], {
    cwd,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
};
