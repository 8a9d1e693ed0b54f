// The BUILT preload (out/desktop/preload/index.cjs, as `npm run build` writes it), loaded the way
// a sandboxed preload is: as one CommonJS script whose only `require` is 'electron' (a stub
// here). The test builds it first when it is missing or older than its sources.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';
import { beforeAll, describe, expect, it } from 'vitest';
import { EVENT_NAMES } from '../../core/contract/events';
import { OPERATION_NAMES } from '../../core/contract/operations';

const repo = resolve(import.meta.dirname, '../..');
const built = join(repo, 'out/desktop/preload/index.cjs');

function newestSource(): number {
  const roots = ['electron/preload', 'electron/shared', 'core/contract'];
  let newest = statSync(join(repo, 'electron.vite.config.ts')).mtimeMs;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (path.endsWith('.ts')) newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  for (const root of roots) walk(join(repo, root));
  return newest;
}

function buildIfStale(): void {
  if (existsSync(built) && statSync(built).mtimeMs >= newestSource()) return;
  // (the package exports no bin path: found beside its main entry, dist/index.js)
  const main = createRequire(import.meta.url).resolve('electron-vite');
  const cli = join(dirname(main), '../bin/electron-vite.js');
  execFileSync(process.execPath, [cli, 'build', '--logLevel', 'warn'], {
    cwd: repo,
    stdio: 'pipe',
    timeout: 180_000,
  });
}

interface Loaded {
  exposed: Map<string, unknown>;
  required: string[];
  invoked: [string, unknown[]][];
  listeners: Map<string, ((event: unknown, payload: unknown) => void)[]>;
}

function loadPreload(): Loaded {
  const loaded: Loaded = { exposed: new Map(), required: [], invoked: [], listeners: new Map() };
  const electron = {
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => loaded.exposed.set(key, api),
    },
    ipcRenderer: {
      invoke: async (channel: string, ...args: unknown[]) => {
        loaded.invoked.push([channel, args]);
        return { ok: true, value: null };
      },
      on: (channel: string, listener: (event: unknown, payload: unknown) => void) => {
        loaded.listeners.set(channel, [...(loaded.listeners.get(channel) ?? []), listener]);
      },
      removeListener: (channel: string, listener: unknown) => {
        loaded.listeners.set(
          channel,
          (loaded.listeners.get(channel) ?? []).filter((l) => l !== listener),
        );
      },
    },
  };
  const module = { exports: {} };
  runInNewContext(readFileSync(built, 'utf8'), {
    module,
    exports: module.exports,
    require: (id: string) => {
      loaded.required.push(id);
      if (id === 'electron') return electron;
      throw new Error(`a sandboxed preload cannot require ${id}`);
    },
  });
  return loaded;
}

interface Bridge {
  invoke(op: unknown, input: unknown): Promise<unknown>;
  on(event: unknown, listener: unknown): () => void;
}

describe('the built preload', () => {
  let loaded: Loaded;
  let bridge: Bridge;
  beforeAll(() => {
    buildIfStale();
    loaded = loadPreload();
    bridge = loaded.exposed.get('recorder') as Bridge;
  }, 200_000);

  it('is one CommonJS script that requires nothing but electron', () => {
    const code = readFileSync(built, 'utf8');
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(loaded.required).toEqual(['electron']);
    expect(code.length).toBeLessThan(20_000); // names only: no schemas, no zod
  });

  it('exposes window.recorder with only invoke and on', () => {
    expect([...loaded.exposed.keys()]).toEqual(['recorder']);
    expect(Object.keys(bridge as object).sort()).toEqual(['invoke', 'on']);
  });

  it('knows every operation and event of the contract', async () => {
    for (const op of OPERATION_NAMES) await bridge.invoke(op, {});
    expect(loaded.invoked.map(([channel]) => channel)).toEqual(
      OPERATION_NAMES.map((op) => `recorder:op:${op}`),
    );
    for (const event of EVENT_NAMES) {
      const off = bridge.on(event, () => undefined);
      expect(loaded.listeners.get(`recorder:event:${event}`)).toHaveLength(1);
      off();
      expect(loaded.listeners.get(`recorder:event:${event}`)).toHaveLength(0);
    }
  });

  it('throws on undeclared names, sending nothing', () => {
    const before = loaded.invoked.length;
    for (const op of ['streams.nope', 'constructor', '__proto__', 'recorder:op:health', 1]) {
      expect(() => bridge.invoke(op, {})).toThrow(/There is no operation/);
    }
    for (const event of ['sessions', '__ELECTRON_LOG__', 'recorder:event:log']) {
      expect(() => bridge.on(event, () => undefined)).toThrow(/There is no event/);
    }
    expect(loaded.invoked.length).toBe(before);
  });
});
