// Photographs every screen of the web UI — login, dashboard, streams, schedules, recordings,
// destinations, logs, settings, an open editor drawer and a stream's Podcast section — at desktop (1280×800) and phone
// (390×844) size, in the light and the dark theme, into test-results/screens/
// (`<screen>-<desktop|phone>-<light|dark>.png`). `npm run screens`; needs what `npm test` installs
// (Chromium and Icecast: `npm run test:setup`). It builds the UI and the server, starts them on a
// free loopback port with a fresh data folder, adds a stream (from a local Icecast, its podcast
// feed on), a schedule and one short recording, so that the lists are not empty.
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { SessionDto } from '../core/contract';
import type { StreamDto } from '../core/contract/operations';
import { startIcecast } from '../core/test-support/icecast';
import { LOGIN, SCREENS, useScheme, type Screen } from '../core/test-support/ui/screens';
import {
  DESKTOP,
  PHONE,
  buildUiAndServer,
  logIn,
  repoRoot,
  startUiHarness,
  type UiHarness,
} from '../core/test-support/ui/ui-harness';
import { waitUntil } from '../core/test-support/wait';

const OUT = join(repoRoot, 'test-results', 'screens');

async function seed(ui: UiHarness, streamUrl: string): Promise<void> {
  const stream = await ui.api<StreamDto>('POST', '/api/streams', {
    name: 'Morning Show',
    streamUrl,
    artist: 'Radio X',
    album: 'Mornings',
    albumArtist: 'Radio X',
    // its podcast feed: the Streams page lists it, the editor shows its URL and QR code
    podcast: { enabled: true },
  });
  await ui.api('POST', '/api/schedules', {
    streamId: stream.id,
    cronExpression: '0 6 * * 1-5',
    durationMinutes: 60,
  });
  const session = await ui.api<SessionDto>('POST', `/api/streams/${stream.id}/record`, {
    durationSeconds: 4,
  });
  await waitUntil(
    'the sample recording completed',
    async () =>
      (await ui.api<SessionDto>('GET', `/api/sessions/${session.id}`)).status === 'COMPLETED',
    { timeoutMs: 90_000, intervalMs: 500 },
  );
}

/** The stream editor scrolled to its Podcast section (the feed's URL and QR code). */
const STREAM_PODCAST: Screen = {
  name: 'stream-podcast',
  async open(target, base) {
    await target.goto(`${base}/streams`);
    await target.getByTestId('edit-stream').first().click();
    await target.getByTestId('feed-qr').waitFor();
    await target.getByTestId('podcast-fields').scrollIntoViewIfNeeded();
    // the drawer slides in
    await target.waitForTimeout(400);
  },
};

async function photograph(page: Page, base: string, screen: Screen, file: string): Promise<void> {
  await screen.open(page, base);
  await page.screenshot({ path: join(OUT, `${file}.png`) });
  console.log(`test-results/screens/${file}.png`);
}

async function main(): Promise<void> {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  buildUiAndServer();
  const icecast = await startIcecast();
  let ui: UiHarness | undefined;
  try {
    await icecast.addMount('/live.mp3', { codec: 'mp3', bitrateKbps: 128, name: 'Screens FM' });
    ui = await startUiHarness();
    await seed(ui, icecast.url('/live.mp3'));
    for (const [size, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const) {
      const context = await ui.newContext(viewport, size === 'phone');
      const page = await context.newPage();
      for (const scheme of ['light', 'dark'] as const) {
        await useScheme(page, scheme);
        await photograph(page, ui.base, LOGIN, `login-${size}-${scheme}`);
        await logIn(page);
        for (const screen of [...SCREENS, STREAM_PODCAST]) {
          await photograph(page, ui.base, screen, `${screen.name}-${size}-${scheme}`);
        }
        // logged out again: the next scheme starts at the login screen
        await context.clearCookies();
      }
      await context.close();
    }
  } finally {
    await ui?.stop();
    await icecast.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
