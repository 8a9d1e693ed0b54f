// The whole product through the web UI, as a user sets it up, from the dashboard's first-run
// checklist of an empty install (each step ticked off as it is done): a destination (the test OpenSSH
// server) added and tested, a stream with artwork added and tested (the test Icecast), a 15 s
// "record now" watched from RECORDING to COMPLETED with its transfer COMPLETED and then played,
// a schedule made from a preset with its next runs, a backup downloaded and restored. Every
// screen is photographed at desktop and phone sizes (test-results/screenshots/), and the browser
// must log no errors.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionDto } from '../../contract';
import type { DestinationDto, ScheduleDto, StreamDto } from '../../contract/operations';
import { startIcecast, type IcecastServer } from '../icecast';
import { startSshd, type SshdServer } from '../sshd';
import { keepFailures } from './keep-failures';
import {
  DESKTOP,
  PHONE,
  buildUiAndServer,
  logIn,
  startUiHarness,
  type UiHarness,
} from './ui-harness';

const STREAM_NAME = 'Flow Radio';
const PAGES = [
  'dashboard',
  'streams',
  'schedules',
  'recordings',
  'destinations',
  'logs',
  'settings',
];

let icecast: IcecastServer;
let sshd: SshdServer;
let ui: UiHarness;
let context: BrowserContext;
let page: Page;
let files: string;
let session: SessionDto;

beforeAll(async () => {
  buildUiAndServer();
  [icecast, sshd] = await Promise.all([startIcecast(), startSshd()]);
  await icecast.addMount('/flow.mp3', { codec: 'mp3', bitrateKbps: 128, name: 'Flow FM' });
  ui = await startUiHarness();
  files = mkdtempSync(join(tmpdir(), 'asr-ui-flow-'));
  writeFileSync(join(files, 'id_ed25519'), sshd.privateKey);
  await sharp({ create: { width: 600, height: 400, channels: 3, background: '#c0392b' } })
    .png()
    .toFile(join(files, 'cover.png'));
  context = await ui.newContext(DESKTOP);
  page = await context.newPage();
  ui.watchErrors(page, 'desktop');
}, 240_000);

afterAll(async () => {
  await ui?.stop();
  await Promise.all([icecast?.stop(), sshd?.dispose()]);
  if (files) rmSync(files, { recursive: true, force: true });
});

keepFailures(
  () => ui,
  () => page,
  'failed-flow-',
);

async function open(name: string): Promise<void> {
  await page.getByTestId(`nav-${name}`).click();
  await page.waitForURL(new RegExp(`/${name === 'dashboard' ? '' : name}(\\?.*)?$`));
}

describe('setting up and recording through the web UI', () => {
  it('logs in', async () => {
    await page.goto(`${ui.base}/`);
    await logIn(page);
    // kept locally after delivery, so that it can be played from the page
    await ui.api('PUT', '/api/settings', { cleanupAfterTransfer: false });
  });

  it('an empty install: the dashboard shows the first-run checklist, nothing done, no schedule offered', async () => {
    const card = page.getByTestId('first-run-card');
    await card.waitFor();
    expect(await card.textContent()).toContain('0 of 4 done');
    for (const step of ['stream', 'test', 'record', 'destination']) {
      expect(await page.getByTestId(`first-run-step-${step}`).getAttribute('data-done')).toBe(
        'false',
      );
    }
    expect(await page.getByTestId('first-run-schedule').count()).toBe(0);
    expect(await page.getByTestId('first-run-add-stream').getAttribute('class')).toContain(
      'n-button--primary-type',
    );
    await ui.screenshot(page, 'first-run-desktop');
  });

  it('adds a destination with an uploaded key and tests it: the host key is shown, then pinned by the user', async () => {
    // from the checklist: its editor opens on the dashboard
    await page.getByTestId('first-run-add-destination').click();
    await page.getByTestId('destination-name').locator('input').fill('Test server');
    await page.getByTestId('destination-host').locator('input').fill(sshd.host);
    await page.getByTestId('destination-port').locator('input').fill(String(sshd.port));
    await page.getByTestId('destination-username').locator('input').fill(sshd.username);
    await page.getByTestId('destination-remote-dir').locator('input').fill(sshd.remoteRoot);
    await page.getByTestId('destination-key-file').setInputFiles(join(files, 'id_ed25519'));
    await page.getByTestId('destination-key-file-name').waitFor();
    await ui.screenshot(page, 'destination-editor-desktop');
    await page.getByTestId('destination-save').click();
    await page.getByTestId('destination-editor').waitFor({ state: 'hidden' });
    await page.locator('[data-testid=first-run-step-destination][data-done=true]').waitFor();
    await open('destinations');
    const row = page.getByTestId('destination-row').first();
    await row.waitFor();
    await row.getByTestId('destination-test').click();
    const fingerprint = page.getByTestId('destination-fingerprint');
    await fingerprint.waitFor({ timeout: 30_000 });
    expect(await fingerprint.textContent()).toContain(sshd.hostKeyFingerprint);
    // shown before it is pinned: the test pins nothing, the user does
    expect(await page.getByTestId('destination-host-key-state').getAttribute('data-state')).toBe(
      'not-pinned',
    );
    const listed = async () =>
      (await ui.api<{ items: DestinationDto[] }>('GET', '/api/destinations')).items[0]!;
    expect((await listed()).hostKeyFingerprint).toBeNull();
    await ui.screenshot(page, 'destination-tested-desktop');
    await page.getByTestId('destination-pin').click();
    await page.locator('[data-testid=destination-pin-tag][data-pinned=true]').waitFor();
    expect((await listed()).hostKeyFingerprint).toBe(sshd.hostKeyFingerprint);
  });

  it('adds a stream with artwork, tests it and saves it (from the checklist, which ticks both off)', async () => {
    await open('dashboard');
    await page.getByTestId('first-run-add-stream').click();
    await page.getByTestId('stream-editor').waitFor();
    await page.getByTestId('stream-name-input').fill(STREAM_NAME);
    await page.getByTestId('stream-url-input').fill(icecast.url('/flow.mp3'));
    await page.getByTestId('stream-artist-input').fill('Flow Artist');
    await page.getByTestId('stream-album-input').fill('Flow Album');
    await page.getByTestId('stream-album-artist-input').fill('Flow Album Artist');
    await page.getByTestId('stream-genre-input').fill('Talk');
    await page.getByTestId('stream-destination').click();
    await page.getByTestId('destination-option').filter({ hasText: 'Test server' }).click();
    await page.getByTestId('artwork-input').setInputFiles(join(files, 'cover.png'));
    await page.getByTestId('artwork-preview').waitFor();
    await page.getByTestId('probe-stream').click();
    const probe = page.locator('[data-testid=probe-result][data-ok=true]');
    await probe.waitFor({ timeout: 20_000 });
    expect(await probe.getByTestId('probe-codec').textContent()).toMatch(/mp3/i);
    expect(await page.getByTestId('preview-title').textContent()).toContain(STREAM_NAME);
    await ui.screenshot(page, 'stream-editor-desktop');
    await page.getByTestId('save-stream').click();
    await page.getByTestId('stream-editor').waitFor({ state: 'hidden' });
    await page.locator('[data-testid=first-run-step-stream][data-done=true]').waitFor();
    // tested in its editor before saving: that counts
    await page.locator('[data-testid=first-run-step-test][data-done=true]').waitFor();
    expect(await page.getByTestId('first-run-card').textContent()).toContain('3 of 4 done');
    // a stream exists: now a schedule is offered
    await page.getByTestId('first-run-schedule').waitFor();
    await ui.screenshot(page, 'first-run-3-of-4-desktop');
    await open('streams');

    const row = page.locator('[data-testid=stream-row]', { hasText: STREAM_NAME });
    await row.waitFor();
    const cover = row
      .locator('[data-testid=stream-artwork] img')
      .or(row.locator('img[data-testid=stream-artwork]'));
    await expect
      .poll(
        () =>
          cover
            .first()
            .evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
        {
          timeout: 10_000,
        },
      )
      .toBeGreaterThan(0);
    const [stream] = (await ui.api<{ items: StreamDto[] }>('GET', '/api/streams')).items;
    expect(stream).toMatchObject({ name: STREAM_NAME, artist: 'Flow Artist', genre: 'Talk' });
    expect(stream!.artworkUrl).not.toBeNull();
    expect(stream!.destinationId).not.toBeNull();
  });

  it('records now for 15 s: RECORDING, then COMPLETED and delivered, and plays it', async () => {
    // the checklist's last step: record now; then every step is done and it goes
    await open('dashboard');
    await page.getByTestId('first-run-record').click();
    const dialog = page.getByTestId('record-now-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('duration-unit').click();
    await page.locator('.n-base-select-option', { hasText: /^seconds$/ }).click();
    await dialog.locator('[data-testid=duration-amount] input').fill('15');
    await dialog.getByTestId('start-recording').click();
    await dialog.waitFor({ state: 'hidden' });
    await page.getByTestId('first-run-card').waitFor({ state: 'detached', timeout: 15_000 });

    await open('recordings');
    const recording = page.locator('[data-testid=recording-row][data-status=RECORDING]');
    await recording.waitFor({ timeout: 15_000 });
    const id = await recording.getAttribute('data-session-id');
    await ui.screenshot(page, 'recordings-recording-desktop');
    const done = page.locator(
      `[data-testid=recording-row][data-session-id="${id}"][data-status=COMPLETED][data-transfer-status=COMPLETED]`,
    );
    await done.waitFor({ timeout: 90_000 });
    session = await ui.api<SessionDto>('GET', `/api/sessions/${id}`);
    expect(Math.abs(session.durationSeconds! - 15)).toBeLessThanOrEqual(0.5);
    // on the server, complete
    expect(statSync(sshd.localPathOf(session.remotePath!)).size).toBe(session.fileSizeBytes);

    await done.getByTestId('recording-open').click();
    const detail = page.locator(`[data-testid=recording-detail][data-session-id="${id}"]`);
    await detail.waitFor();
    await detail.getByTestId('log-line').first().waitFor();
    const audio = detail.getByTestId('recording-audio');
    const played = await audio.evaluate(async (el) => {
      type Media = {
        muted: boolean;
        currentTime: number;
        duration: number;
        play(): Promise<void>;
      };
      const media = (el.tagName === 'AUDIO' ? el : el.querySelector('audio')) as unknown as Media;
      media.muted = true;
      await media.play();
      await new Promise((resolve) => setTimeout(resolve, 1500));
      return { time: media.currentTime, duration: media.duration };
    });
    expect(played.time).toBeGreaterThan(0.3);
    expect(Math.abs(played.duration - 15)).toBeLessThan(1);
    await ui.screenshot(page, 'recording-detail-desktop');
    await page.getByTestId('recording-detail-close').click();
    await detail.waitFor({ state: 'hidden' });
  });

  it('adds a daily schedule from a preset and shows its next runs', async () => {
    await open('schedules');
    await page
      .getByTestId('add-schedule-empty')
      .or(page.getByTestId('add-schedule'))
      .first()
      .click();
    await page.getByTestId('schedule-editor').waitFor();
    await page.getByTestId('preset-daily').click();
    await page.locator('[data-testid="schedule-time"] input').fill('07:45');
    await page.locator('[data-testid="schedule-time"] input').press('Tab');
    await page.getByTestId('cron-description').filter({ hasText: '07:45' }).waitFor();
    expect(await page.getByTestId('cron-expression').textContent()).toContain('45 7 * * *');
    await page.getByTestId('next-run').first().waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('next-run').count()).toBeGreaterThanOrEqual(3);
    await page.locator('[data-testid="schedule-duration"] input').fill('30');
    await ui.screenshot(page, 'schedule-editor-desktop');
    await page.getByTestId('schedule-save').click();
    const row = page.getByTestId('schedule-row').first();
    await row.getByTestId('schedule-next-run').waitFor();
    const [schedule] = (await ui.api<{ items: ScheduleDto[] }>('GET', '/api/schedules')).items;
    expect(schedule).toMatchObject({ cronExpression: '45 7 * * *', durationMinutes: 30 });
    await open('dashboard');
    await page.getByTestId('next-run-item').first().waitFor();
  });

  it('downloads a backup and restores it after showing what will change', async () => {
    await open('settings');
    await page.getByTestId('api-key-show').click();
    await page.locator('[data-testid=api-key-value][data-shown=true]').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('backup-download').click(),
    ]);
    const saved = join(files, download.suggestedFilename());
    await download.saveAs(saved);
    const document = JSON.parse(readFileSync(saved, 'utf8')) as {
      streams: { name: string }[];
      schedules: unknown[];
      destinations: unknown[];
    };
    expect(document.streams.map((s) => s.name)).toEqual([STREAM_NAME]);
    expect(document.schedules).toHaveLength(1);
    expect(document.destinations).toHaveLength(1);

    // a change made after the backup, which the restore takes back
    const [stream] = (await ui.api<{ items: StreamDto[] }>('GET', '/api/streams')).items;
    const { name, streamUrl, fallbackUrls, artist, album, albumArtist, destinationId } = stream!;
    await ui.api('PUT', `/api/streams/${stream!.id}`, {
      ...{ name, streamUrl, fallbackUrls, artist, album, albumArtist, destinationId },
      genre: 'Changed',
    });
    await page.getByTestId('backup-restore-file').setInputFiles(saved);
    const summary = page.getByTestId('restore-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toContain(STREAM_NAME);
    await ui.screenshot(page, 'restore-summary-desktop');
    await page.getByTestId('restore-apply').click();
    await page.getByTestId('restore-success').waitFor({ timeout: 20_000 });
    const restored = await ui.api<StreamDto>('GET', `/api/streams/${stream!.id}`);
    expect(restored.genre).toBe('Talk');
    // sessions are kept by a restore
    expect((await ui.api<SessionDto>('GET', `/api/sessions/${session.id}`)).status).toBe(
      'COMPLETED',
    );
  });

  it('shows the live log', async () => {
    await open('logs');
    await page.getByTestId('log-line').first().waitFor();
    await page.getByTestId('logs-level-warn').click();
    await page.waitForURL(/level=warn/);
  });

  it('photographs every screen at desktop and phone size', async () => {
    for (const name of PAGES) {
      await open(name);
      await page.waitForLoadState('networkidle');
      await ui.screenshot(page, `page-${name}-desktop`);
    }
    const phone = await ui.newContext(PHONE, true);
    const phonePage = await phone.newPage();
    ui.watchErrors(phonePage, 'phone');
    await phonePage.goto(`${ui.base}/`);
    await logIn(phonePage);
    for (const name of PAGES) {
      await phonePage.goto(`${ui.base}/${name === 'dashboard' ? '' : name}`);
      await phonePage.waitForLoadState('networkidle');
      await ui.screenshot(phonePage, `page-${name}-phone`);
      // nothing wider than the screen
      expect(
        await phonePage.evaluate('document.documentElement.scrollWidth'),
        `${name} on a phone`,
      ).toBeLessThanOrEqual(PHONE.width);
    }
    await phone.close();
  });

  it('logged no errors in the browser', () => {
    expect(ui.browserErrors).toEqual([]);
  });
});
