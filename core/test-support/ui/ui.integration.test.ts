// The web UI end to end, as a user meets it: the renderer built with Vite into out/renderer and
// served by the real server process (`node dist/server/main.js`), recording from a real Icecast,
// driven in Debian's Chromium through playwright-core. Screenshots of each page (desktop and
// phone) land in test-results/screenshots/.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type ConsoleMessage,
  type Page,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { SessionDto } from '../../contract';
import type { StreamDto } from '../../contract/operations';
import { freePort } from '../free-port';
import { startIcecast, type IcecastServer } from '../icecast';
import { spawnTracked, type TrackedChild } from '../processes';
import { waitUntil } from '../wait';

const repoRoot = resolve(import.meta.dirname, '../../..');
const shots = join(repoRoot, 'test-results', 'screenshots');
const API_KEY = 'ui-test-api-key-0123456789abcdef';
const PASSWORD = 'ui test password';
const TZ = 'Europe/Berlin';
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

let dir: string;
let icecast: IcecastServer;
let server: TrackedChild;
let base: string;
let browser: Browser;
let desktop: BrowserContext;
let page: Page;
let stream: StreamDto;

/** Console errors and uncaught exceptions of every page, checked at the end. */
const browserErrors: string[] = [];

/**
 * Chromium logs every non-2xx fetch as a console error. Two are part of the flow: "who is logged
 * in?" answers 401 before the login, and the test's wrong password answers 401.
 */
function isExpected(message: ConsoleMessage): boolean {
  return (
    /status of 401/.test(message.text()) &&
    /\/api\/auth\/(session|login)$/.test(message.location().url)
  );
}

function watchErrors(target: Page, label: string): void {
  target.on('console', (message) => {
    if (message.type() === 'error' && !isExpected(message)) {
      browserErrors.push(`${label} console: ${message.text()} (${message.location().url})`);
    }
  });
  target.on('pageerror', (error) => browserErrors.push(`${label} page error: ${error.stack}`));
}

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      'x-api-key': API_KEY,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

async function screenshot(target: Page, name: string): Promise<void> {
  // let transitions (dialogs, messages) settle
  await target.waitForTimeout(400);
  await target.screenshot({ path: join(shots, `${name}.png`), fullPage: false });
}

async function newContext(viewport: { width: number; height: number }, phone = false) {
  return browser.newContext({
    viewport,
    locale: 'en-GB',
    timezoneId: TZ,
    colorScheme: 'light',
    ...(phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
}

/** Logs in on the login page with the password field and the button, as a user does. */
async function logIn(target: Page): Promise<void> {
  await target.locator('input[name=password]').fill(PASSWORD);
  await target.getByTestId('login-submit').click();
  await target.getByTestId('in-progress-card').waitFor();
}

beforeAll(async () => {
  const vite = join(repoRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  const build = execFileSync(
    process.execPath,
    [vite, 'build', '--config', 'renderer/vite.config.ts'],
    {
      cwd: repoRoot,
      encoding: 'utf8',
      // vitest sets NODE_ENV=test, which would give a development build of Vue
      env: { ...process.env, NODE_ENV: 'production', NO_COLOR: '1' },
    },
  );
  console.log(
    build
      .split('\n')
      .filter((line) => /dist|out\/renderer|gzip|built/.test(line))
      .join('\n'),
  );
  execFileSync(process.execPath, ['scripts/build-server.mjs'], { cwd: repoRoot, stdio: 'pipe' });
  mkdirSync(shots, { recursive: true });

  dir = mkdtempSync(join(tmpdir(), 'asr-ui-'));
  icecast = await startIcecast();
  await icecast.addMount('/live.mp3', { codec: 'mp3', bitrateKbps: 128, name: 'UI FM' });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawnTracked(process.execPath, [join(repoRoot, 'dist/server/main.js')], {
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
    },
  });
  await waitUntil(
    'server healthy',
    async () => {
      if (server.hasExited) throw new Error(`server exited: ${server.log()}`);
      return (await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(2000) })).ok;
    },
    { timeoutMs: 20_000, intervalMs: 50 },
  );

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  desktop = await newContext(DESKTOP);
  page = await desktop.newPage();
  watchErrors(page, 'desktop');
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop(30_000);
  await icecast?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// a failed step leaves a picture of the page, and the server's log
afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail' || !page) return;
  const name = `failed-${task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60)}`;
  await page.screenshot({ path: join(shots, `${name}.png`) }).catch(() => undefined);
  console.log(`screenshot: test-results/screenshots/${name}.png\nserver log:\n${server?.log()}`);
});

describe('the web UI', () => {
  it('serves the built UI, not the placeholder', async () => {
    const html = await (await fetch(`${base}/streams`)).text();
    expect(html).toContain('<div id="app">');
    expect(html).toMatch(/src="\/assets\/[^"]+\.js"/);
  });

  it('asks for the password, says on the field when it is wrong and keeps the input', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL(/\/login$/);
    await page.locator('input[name=password]').waitFor();
    await screenshot(page, 'login-desktop');

    const field = page.locator('input[name=password]');
    await field.fill('wrong password');
    await page.getByTestId('login-submit').click();
    const feedback = page.locator('.n-form-item-feedback', { hasText: 'The password is wrong.' });
    await feedback.waitFor();
    expect(await field.inputValue()).toBe('wrong password');
    await screenshot(page, 'login-error-desktop');

    await logIn(page);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByTestId('in-progress-empty').waitFor();
    await page.getByTestId('recent-empty').waitFor();
    await page.locator('[data-testid=ffmpeg] .n-tag').waitFor();
    await page.locator('[data-testid=connection][data-state=open]').waitFor();
    await screenshot(page, 'dashboard-empty-desktop');
  });

  it('lists a stream created through the API', async () => {
    stream = await api<StreamDto>('POST', '/api/streams', {
      name: 'UI Test Radio',
      streamUrl: icecast.url('/live.mp3'),
      artist: 'UI Artist',
      album: 'UI Album',
      albumArtist: 'UI Album Artist',
      genre: 'Talk',
    });
    await page.getByTestId('nav-streams').click();
    await page.waitForURL(/\/streams$/);
    const row = page.locator(`[data-testid=stream-row][data-stream-id="${stream.id}"]`);
    await row.waitFor();
    expect(await row.getByTestId('stream-name').textContent()).toBe('UI Test Radio');
    await screenshot(page, 'streams-desktop');
  });

  it('records now for 6 s and shows it live: RECORDING, then COMPLETED, without a reload', async () => {
    // a page reload would lose this marker
    await page.evaluate('window.marker = 42');
    const row = page.locator(`[data-testid=stream-row][data-stream-id="${stream.id}"]`);
    await row.getByTestId('record-now').click();
    const dialog = page.getByTestId('record-now-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('duration-unit').click();
    await page.locator('.n-base-select-option', { hasText: /^seconds$/ }).click();
    await dialog.locator('[data-testid=duration-amount] input').fill('6');
    await screenshot(page, 'record-now-dialog-desktop');
    await dialog.getByTestId('start-recording').click();
    await dialog.waitFor({ state: 'hidden' });

    await page.getByTestId('nav-dashboard').click();
    const card = page.getByTestId('in-progress-card');
    await card.locator('[data-testid=session-status][data-status=RECORDING]').waitFor({
      timeout: 10_000,
    });
    expect(await card.getByTestId('in-progress').first().textContent()).toContain('UI Test Radio');
    await screenshot(page, 'dashboard-recording-desktop');

    const done = page.locator(
      '[data-testid=recent-session] [data-testid=session-status][data-status=COMPLETED]',
    );
    await done.waitFor({ timeout: 60_000 });
    await page.getByTestId('in-progress-empty').waitFor();
    const item = page.getByTestId('recent-session').first();
    expect(await item.locator('[data-testid=transfer-status]').getAttribute('data-status')).toBe(
      'SKIPPED',
    );
    expect(await page.evaluate('window.marker')).toBe(42);
    // the system card follows the recordings (re-read after session changes)
    await page
      .getByTestId('active-recordings')
      .filter({ hasText: /^\s*0 of/ })
      .waitFor({ timeout: 10_000 });
    const sessions = await api<{ items: SessionDto[] }>('GET', '/api/sessions');
    expect(sessions.items[0]).toMatchObject({ status: 'COMPLETED', streamId: stream.id });
    // "record now" records the whole 6 s: setting the run up is covered by the connect burst
    expect(Math.abs(sessions.items[0]!.durationSeconds! - 6)).toBeLessThanOrEqual(0.3);
    await screenshot(page, 'dashboard-completed-desktop');
  });

  it('stops a recording after asking', async () => {
    const session = await api<SessionDto>('POST', `/api/streams/${stream.id}/record`, {
      durationSeconds: 300,
    });
    const item = page.locator(`[data-testid=in-progress][data-session-id="${session.id}"]`);
    await item.locator('[data-status=RECORDING]').waitFor({ timeout: 10_000 });
    await item.getByTestId('stop-recording').click();
    const confirm = page.locator('.n-dialog', { hasText: 'Stop this recording?' });
    await confirm.waitFor();
    await screenshot(page, 'stop-confirm-desktop');
    await confirm.getByRole('button', { name: 'Stop recording' }).click();
    await page
      .locator(
        `[data-testid=recent-session][data-session-id="${session.id}"] [data-status=COMPLETED]`,
      )
      .waitFor({ timeout: 60_000 });
    const stopped = await api<SessionDto>('GET', `/api/sessions/${session.id}`);
    expect(stopped.status).toBe('COMPLETED');
    expect(stopped.durationSeconds!).toBeLessThan(60);
  });

  it('fits a phone screen', async () => {
    const anonymous = await newContext(PHONE, true);
    const loginPage = await anonymous.newPage();
    watchErrors(loginPage, 'phone');
    await loginPage.goto(`${base}/`);
    await loginPage.locator('input[name=password]').waitFor();
    await screenshot(loginPage, 'login-phone');
    await logIn(loginPage);
    await loginPage.locator('[data-testid=ffmpeg] .n-tag').waitFor();
    await screenshot(loginPage, 'dashboard-phone');
    // no horizontal scrolling
    expect(await loginPage.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.width,
    );
    await loginPage.getByTestId('menu-button').click();
    await loginPage.getByTestId('nav-streams').click();
    await loginPage.waitForURL(/\/streams$/);
    await loginPage.getByTestId('stream-row').first().waitFor();
    // every control within the screen's width (not clipped off its right edge)
    const button = await loginPage.getByTestId('record-now').first().boundingBox();
    expect(button!.x + button!.width).toBeLessThanOrEqual(PHONE.width);
    await screenshot(loginPage, 'streams-phone');
    await loginPage.getByTestId('record-now').first().click();
    await loginPage.getByTestId('record-now-dialog').waitFor();
    await screenshot(loginPage, 'record-now-dialog-phone');
    await anonymous.close();
  });

  it('follows the dark theme of the system', async () => {
    await page.getByTestId('nav-dashboard').click();
    await page.getByTestId('in-progress-card').waitFor();
    const background = () => page.evaluate('getComputedStyle(document.body).backgroundColor');
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    await waitUntil('a dark background', async () => (await background()) !== light, {
      timeoutMs: 5000,
    });
    await page.waitForTimeout(600); // colours fade over
    await screenshot(page, 'dashboard-dark-desktop');
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('logs out', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login$/);
    // the login cookie no longer opens anything (asked outside the page: no console noise)
    expect((await desktop.request.get(`${base}/api/streams`)).status()).toBe(401);
  });

  it('logged no errors in the browser', () => {
    expect(browserErrors).toEqual([]);
  });
});
