// What the browser tests share: the UI built with Vite into out/renderer and the server bundle,
// the real server process (`node dist/server/main.js`) on a free loopback port, Debian's Chromium
// through playwright-core, console-error watching and screenshots (test-results/screenshots/).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
  type Page,
} from 'playwright-core';
import { apiFetch } from '../api-fetch';
import { buildServerOnce, buildUiOnce } from '../build-once';
import { freePort } from '../free-port';
import { spawnTracked, type TrackedChild } from '../processes';
import { waitForHealthy } from '../wait';

export const repoRoot = resolve(import.meta.dirname, '../../..');
export const SCREENSHOTS = join(repoRoot, 'test-results', 'screenshots');
export const API_KEY = 'ui-test-api-key-0123456789abcdef';
export const PASSWORD = 'ui test password';
export const TZ = 'Europe/Berlin';
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Builds the production UI and the server bundle (once per test run: every browser test file shares
 * them), printing the bundle sizes (JS and CSS gzipped).
 */
export function buildUiAndServer(): void {
  const built = buildUiOnce();
  console.log(built ? `${built}\n${bundleSize()}` : bundleSize());
  buildServerOnce();
  mkdirSync(SCREENSHOTS, { recursive: true });
}

/** The production bundle's size: JS and CSS gzipped, in all and what the first page loads. */
export function bundleSize(): string {
  const dir = join(repoRoot, 'out', 'renderer');
  const gz = (file: string) => gzipSync(readFileSync(join(dir, file))).length;
  const assets = readdirSync(join(dir, 'assets')).map((name) => `assets/${name}`);
  const sum = (files: string[]) => files.reduce((total, file) => total + gz(file), 0);
  const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
  const index = readFileSync(join(dir, 'index.html'), 'utf8');
  const firstLoad = [...index.matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map(
    (m) => m[1]!,
  );
  return (
    `UI bundle (gzipped): JS ${kB(sum(assets.filter((f) => f.endsWith('.js'))))}, ` +
    `CSS ${kB(sum(assets.filter((f) => f.endsWith('.css'))))}; ` +
    `the first page loads ${kB(sum(firstLoad))} (${firstLoad.length} files)`
  );
}

/**
 * Chromium logs every non-2xx fetch as a console error. One is part of a user's flow: a wrong
 * password answers 401. ("Who is logged in?" answers 200 also before the login.)
 */
function isExpected(message: ConsoleMessage): boolean {
  return /status of 401/.test(message.text()) && /\/api\/auth\/login$/.test(message.location().url);
}

export interface UiHarness {
  /** `http://127.0.0.1:<port>` */
  readonly base: string;
  readonly browser: Browser;
  readonly server: TrackedChild;
  readonly dataDir: string;
  /** Console errors and uncaught exceptions of every watched page. */
  readonly browserErrors: string[];
  /** Calls the API with the API key; throws on a non-2xx answer. */
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
  newContext(viewport: { width: number; height: number }, phone?: boolean): Promise<BrowserContext>;
  /** Records the console errors and page errors of `page` under `label`. */
  watchErrors(page: Page, label: string): void;
  screenshot(page: Page, name: string): Promise<void>;
  stop(): Promise<void>;
}

/** Starts the built server (with `env` added) and Chromium. Call buildUiAndServer() first. */
export async function startUiHarness(env: Record<string, string> = {}): Promise<UiHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'asr-ui-'));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = spawnTracked(process.execPath, [join(repoRoot, 'dist/server/main.js')], {
    cwd: repoRoot,
    env: {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? '/root',
      TZ,
      HOST: '127.0.0.1',
      WEB_PORT: String(port),
      DATA_DIR: join(dir, 'data'),
      ADMIN_PASSWORD: PASSWORD,
      API_KEY,
      MIN_FREE_DISK_MB: '0',
      LOG_LEVEL: 'info',
      ...env,
    },
  });
  await waitForHealthy(base, () => (server.hasExited ? server.log() : undefined));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const browserErrors: string[] = [];

  return {
    base,
    browser,
    server,
    dataDir: join(dir, 'data'),
    browserErrors,
    async api<T>(method: string, path: string, body?: unknown): Promise<T> {
      const { ok, status, text } = await apiFetch(base, API_KEY, method, path, body);
      if (!ok) throw new Error(`${method} ${path}: ${status} ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    newContext(viewport, phone = false) {
      return browser.newContext({
        viewport,
        locale: 'en-GB',
        timezoneId: TZ,
        colorScheme: 'light',
        acceptDownloads: true,
        ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
      });
    },
    watchErrors(target, label) {
      target.on('console', (message) => {
        if (message.type() === 'error' && !isExpected(message)) {
          browserErrors.push(`${label} console: ${message.text()} (${message.location().url})`);
        }
      });
      target.on('pageerror', (error) => browserErrors.push(`${label} page error: ${error.stack}`));
    },
    async screenshot(target, name) {
      // let transitions (dialogs, messages) settle
      await target.waitForTimeout(400);
      await target.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
    },
    async stop() {
      await browser.close().catch(() => undefined);
      await server.stop(30_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Logs in on the login page with the password field and the button, as a user does. */
export async function logIn(target: Page): Promise<void> {
  await target.locator('input[name=password]').fill(PASSWORD);
  await target.getByTestId('login-submit').click();
  await target.getByTestId('in-progress-card').waitFor();
}
