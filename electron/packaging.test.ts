// The packaging configuration, checked as far as this machine allows without Electron's binary:
// electron-builder's own schema validation of electron-builder.yml, where things go, the icons
// it names, and the electron-vite configuration. (`electron-builder --dir` itself needs the
// Electron download: electron/README.md says what was run where.)
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EVENT_NAMES } from '../core/contract/events';
import { OPERATION_NAMES } from '../core/contract/operations';
import { TRAY_ICON_KINDS, trayIconFile } from './main/tray-icons';

const repo = resolve(import.meta.dirname, '..');
const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  productName: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  npmRebuild: boolean;
  afterPack: string;
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
}

function builderConfig(): BuilderConfig {
  // js-yaml comes with electron-builder
  const yaml = require('js-yaml') as { load(text: string): unknown };
  return yaml.load(readFileSync(join(repo, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
}

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(file: string): [number, number] {
  const data = readFileSync(file);
  expect(data.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [data.readUInt32BE(16), data.readUInt32BE(20)];
}

describe('electron-builder.yml', () => {
  it("passes electron-builder's own validation of its configuration", async () => {
    // the function `electron-builder` runs on its configuration before building anything
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(config: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as {
      DebugLogger: new (on: boolean) => unknown;
    };
    await expect(
      validateConfiguration(builderConfig(), new DebugLogger(false)),
    ).resolves.toBeUndefined();
    await expect(
      validateConfiguration({ ...builderConfig(), bogus: 1 }, new DebugLogger(false)),
    ).rejects.toThrow(/unknown property 'bogus'/);
  }, 60_000); // loading app-builder-lib takes seconds on a busy machine

  it('names the product, and writes to release/ (not dist/, the server bundle, nor out/)', () => {
    const config = builderConfig();
    expect(config).toMatchObject({
      appId: 'org.audiostreamrecorder.app',
      productName: 'Audio Stream Recorder',
      directories: { output: 'release', buildResources: 'build' },
      asar: true,
      npmRebuild: true,
    });
    expect(readFileSync(join(repo, '.gitignore'), 'utf8')).toMatch(/^release\/$/m);
  });

  it('packages the desktop build (not the web build) and unpacks the native parts', () => {
    const config = builderConfig();
    expect(config.files).toContain('out/desktop/**');
    expect(config.files.some((f) => f.includes('out/renderer'))).toBe(false);
    expect(config.asarUnpack).toEqual(
      expect.arrayContaining([
        'node_modules/better-sqlite3/**',
        'node_modules/sharp/**',
        'node_modules/@img/**',
        'node_modules/ffmpeg-static/**',
      ]),
    );
    const pkg = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as {
      main: string;
      devDependencies: Record<string, string>;
    };
    expect(pkg.main).toBe('out/desktop/main/index.js');
    expect(pkg.devDependencies.electron).toBeDefined();
  });

  it('builds AppImage and deb, NSIS, dmg', () => {
    const config = builderConfig();
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('its afterPack hook puts the Node builds back, unless packaging did not rebuild', async () => {
    const config = builderConfig();
    const hook = require(join(repo, config.afterPack)) as (context: unknown) => Promise<void>;
    expect(typeof hook).toBe('function');
    // npmRebuild false: nothing was rebuilt for Electron, nothing to put back (no npm run here)
    await expect(
      hook({ packager: { projectDir: repo, config: { npmRebuild: false } } }),
    ).resolves.toBeUndefined();
  });
});

describe('icons (build/make-icons.mjs)', () => {
  const config = builderConfig();

  it('the app icon: 1024 px, and every size for Linux', () => {
    expect(pngSize(join(repo, 'build/icon.png'))).toEqual([1024, 1024]);
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(join(repo, config.linux.icon, `${size}x${size}.png`))).toEqual([size, size]);
    }
    expect(config.mac.icon).toBe('build/icon.png');
  });

  it('the Windows .ico holds 16 to 256 px', () => {
    const ico = readFileSync(join(repo, config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const sizes = Array.from({ length: count }, (_, i) => ico.readUInt8(6 + 16 * i) || 256);
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
    for (let i = 0; i < count; i += 1) {
      const size = ico.readUInt32LE(6 + 16 * i + 8);
      const offset = ico.readUInt32LE(6 + 16 * i + 12);
      expect(offset + size).toBeLessThanOrEqual(ico.length);
    }
  });

  it('tray icons for idle, recording and problem on every platform (macOS: Template, @2x)', () => {
    for (const kind of TRAY_ICON_KINDS) {
      for (const platform of ['darwin', 'win32', 'linux'] as const) {
        const file = join(repo, trayIconFile(kind, platform));
        expect(existsSync(file)).toBe(true);
        const retina = file.replace(/(@2x)?\.png$/, '@2x.png');
        expect(pngSize(retina)).toEqual([32, 32]);
      }
      expect(pngSize(join(repo, `build/tray/tray-${kind}Template.png`))).toEqual([16, 16]);
      expect(pngSize(join(repo, `build/tray/tray-${kind}.png`))).toEqual([16, 16]);
    }
    // the tray icons are packaged: the main process loads them from the app
    expect(config.files).toEqual(expect.arrayContaining(['build/tray/**', 'build/icon.png']));
  });
});

describe('electron.vite.config.ts', () => {
  it('writes main, preload and renderer under out/desktop, the preload as one CommonJS file', async () => {
    const saved = process.env.VITE_TRANSPORT;
    try {
      const { default: config } = (await import('../electron.vite.config')) as {
        default: (env: { command: 'build'; mode: string }) => {
          main: { build: { outDir: string } };
          preload: {
            define: Record<string, string>;
            build: { outDir: string; externalizeDeps: boolean; lib: { formats: string[] } };
          };
          renderer: { root: string; base: string; build: { outDir: string } };
        };
      };
      const resolved = config({ command: 'build', mode: 'production' });
      expect(resolved.main.build.outDir).toBe(join(repo, 'out/desktop/main'));
      expect(resolved.preload.build).toMatchObject({
        outDir: join(repo, 'out/desktop/preload'),
        externalizeDeps: false,
        lib: { formats: ['cjs'] },
      });
      expect(JSON.parse(resolved.preload.define.__RECORDER_OPERATION_NAMES__ ?? '')).toEqual(
        OPERATION_NAMES,
      );
      expect(JSON.parse(resolved.preload.define.__RECORDER_EVENT_NAMES__ ?? '')).toEqual(
        EVENT_NAMES,
      );
      // renderer/vite.config.ts's own logic for the IPC transport, written apart from out/renderer
      expect(resolved.renderer.root).toBe(join(repo, 'renderer'));
      expect(resolved.renderer.base).toBe('./');
      expect(resolved.renderer.build.outDir).toBe(join(repo, 'out/desktop/renderer'));
      expect(process.env.VITE_TRANSPORT).toBe('ipc');
    } finally {
      if (saved === undefined) delete process.env.VITE_TRANSPORT;
      else process.env.VITE_TRANSPORT = saved;
    }
  });
});
