// Podcast feeds in the web UI, end to end (issue 14, point 5): the real server process and the
// built UI in Debian's Chromium. A stream's podcast switched on in its editor; the feed URL the
// page shows answers the feed with the stream's title; the QR code is drawn (the page's CSP
// takes its data: image); Settings makes new feed URLs, the old one stops. Each screen passes the
// axe-core check the other browser tests run. No recording is needed: the feed's channel names
// the stream before it has episodes.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StreamDto } from '../../contract/operations';
import { axeViolations, describeViolations } from './axe';
import { useScheme } from './screens';
import { keepFailures } from './keep-failures';
import { DESKTOP, buildUiAndServer, logIn, startUiHarness, type UiHarness } from './ui-harness';

let ui: UiHarness;
let context: BrowserContext;
let page: Page;
let stream: StreamDto;
let firstUrl: string;

beforeAll(async () => {
  buildUiAndServer();
  ui = await startUiHarness();
  context = await ui.newContext(DESKTOP);
  page = await context.newPage();
  ui.watchErrors(page, 'feeds');
  stream = await ui.api<StreamDto>('POST', '/api/streams', {
    name: 'Feed Test Radio',
    streamUrl: 'http://127.0.0.1:9/live.mp3',
    artist: 'Feed Artist',
    album: 'Feed Album',
    albumArtist: 'Feed Artist',
  });
  await page.goto(`${ui.base}/`);
  await logIn(page);
}, 400_000);

afterAll(async () => {
  await ui?.stop();
});

keepFailures(
  () => ui,
  () => page,
  'failed-feeds-',
);

/** The serious and critical axe-core violations of the page, light and dark (none is allowed). */
async function axeOf(screen: string): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await useScheme(page, scheme);
    const open = await axeViolations(page);
    found.push(...describeViolations(`${screen} (${scheme})`, open));
  }
  await useScheme(page, 'light');
  return found;
}

const row = () => page.locator(`[data-testid=stream-row][data-stream-id="${stream.id}"]`);
const feedRow = () => page.locator(`[data-testid=feed-row][data-stream-id="${stream.id}"]`);

/** Fetches a feed as a podcast app does: no login, no key. */
async function fetchFeed(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
}

describe('podcast feeds in the web UI', () => {
  it('switches a stream’s podcast on in its editor; the feed URL shown answers the feed with its title', async () => {
    await page.goto(`${ui.base}/streams`);
    await page.getByTestId('feeds-empty').waitFor();
    await row().getByTestId('edit-stream').click();
    const drawer = page.getByTestId('stream-editor');
    await drawer.getByTestId('podcast-enabled').click();
    await drawer.getByTestId('podcast-title-input').fill('Feed Test Mornings');
    await drawer.getByTestId('podcast-keep-episodes').fill('3');
    await drawer.getByTestId('stream-write-cue-sheet').click();
    await drawer.getByTestId('podcast-feed-pending').waitFor();
    expect(await axeOf('stream-editor')).toEqual([]);
    await page.getByTestId('save-stream').click();
    await drawer.waitFor({ state: 'hidden' });

    const saved = await ui.api<StreamDto>('GET', `/api/streams/${stream.id}`);
    expect(saved.writeCueSheet).toBe(true);
    expect(saved.podcast).toMatchObject({ enabled: true, title: 'Feed Test Mornings' });
    expect(saved.podcast.keepEpisodes).toBe(3);

    await feedRow().waitFor();
    firstUrl = (await feedRow().getByTestId('feed-url').textContent()) ?? '';
    expect(firstUrl).toMatch(new RegExp(`^${ui.base}/feeds/[A-Za-z0-9_-]+/${stream.id}\\.xml$`));
    const feed = await fetchFeed(firstUrl);
    expect(feed.status).toBe(200);
    expect(feed.body).toContain('<title>Feed Test Mornings</title>');
    // the feed of them all is listed beside it
    await page.locator('[data-testid=feed-row][data-stream-id=all]').waitFor();
    expect(await axeOf('streams')).toEqual([]);
    await ui.screenshot(page, 'feeds-desktop');
  }, 180_000);

  it('shows the saved feed’s URL and a drawn QR code in the editor', async () => {
    await row().getByTestId('edit-stream').click();
    const drawer = page.getByTestId('stream-editor');
    const feed = drawer.getByTestId('podcast-feed');
    expect(await feed.getByTestId('feed-url').textContent()).toBe(firstUrl);
    const qr = feed.getByTestId('feed-qr');
    await qr.waitFor();
    expect(await qr.getAttribute('alt')).toBe('QR code of the feed URL of Feed Test Mornings');
    // drawn: the browser decoded the SVG (a CSP that refused it would leave it 0 wide)
    await page.waitForFunction(
      `document.querySelector('[data-testid=podcast-feed] [data-testid=feed-qr]')?.naturalWidth > 0`,
    );
    expect(await axeOf('stream-editor')).toEqual([]);
    await feed.scrollIntoViewIfNeeded();
    await ui.screenshot(page, 'feeds-editor-desktop');
    await page.getByTestId('cancel-stream').click();
    await drawer.waitFor({ state: 'hidden' });
  }, 120_000);

  it('makes new feed URLs in Settings after a warning; the old URL stops, the list shows the new one', async () => {
    await page.goto(`${ui.base}/settings`);
    await page.getByTestId('feed-token-regenerate').click();
    const dialog = page.locator('.n-dialog');
    await dialog.getByText('the old URLs stop working at once').waitFor();
    await dialog.getByRole('button', { name: 'Make new feed URLs' }).click();
    await page.getByText('New feed URLs were made').waitFor();
    expect(await axeOf('settings')).toEqual([]);

    await page.goto(`${ui.base}/streams`);
    await feedRow().waitFor();
    const newUrl = (await feedRow().getByTestId('feed-url').textContent()) ?? '';
    expect(newUrl).not.toBe(firstUrl);
    expect((await fetchFeed(firstUrl)).status).toBe(404);
    const feed = await fetchFeed(newUrl);
    expect(feed.status).toBe(200);
    expect(feed.body).toContain('<title>Feed Test Mornings</title>');
    expect(ui.browserErrors).toEqual([]);
  }, 120_000);
});
