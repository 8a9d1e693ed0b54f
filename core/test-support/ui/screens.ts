// Every screen of the web UI, and how to reach it from a logged-in page: what the accessibility
// check and the screenshots (`npm run screens`) go through. Each waits until the screen shows.
import type { Page } from 'playwright-core';

export interface Screen {
  name: string;
  /** Opens the screen on a logged-in page (by its address; an editor by its button). */
  open(page: Page, base: string): Promise<void>;
}

async function visit(page: Page, base: string, path: string, ready: string): Promise<void> {
  await page.goto(`${base}${path}`);
  await page.getByTestId(ready).first().waitFor();
  await page.waitForLoadState('networkidle');
  // a list that has just loaded fades its loading veil away: read the screen once it has
  await coloursSettled(page);
}

const page = (name: string, path: string, ready: string): Screen => ({
  name,
  open: (target, base) => visit(target, base, path, ready),
});

/** The screens behind the login, in the navigation's order, then an open editor drawer. */
export const SCREENS: Screen[] = [
  page('dashboard', '/', 'in-progress-card'),
  page('streams', '/streams', 'streams-card'),
  page('schedules', '/schedules', 'schedules-page'),
  page('recordings', '/recordings', 'recordings-view'),
  page('destinations', '/destinations', 'destinations-card'),
  page('logs', '/logs', 'logs-view'),
  page('settings', '/settings', 'settings-card'),
  {
    name: 'stream-editor',
    async open(target, base) {
      await visit(target, base, '/streams', 'add-stream');
      await target.getByTestId('add-stream').click();
      await target.locator('.n-drawer').waitFor();
      // the drawer slides in
      await target.waitForTimeout(400);
    },
  },
];

/** The login screen (on a page that is not logged in). */
export const LOGIN: Screen = {
  name: 'login',
  async open(target, base) {
    await target.goto(`${base}/login`);
    await target.locator('input[name=password]').waitFor();
    await target.waitForLoadState('networkidle');
  },
};

/** Switches the page's colour scheme; the UI follows the system's ("Like the system"). */
export async function useScheme(target: Page, scheme: 'light' | 'dark'): Promise<void> {
  await target.emulateMedia({ colorScheme: scheme });
  await coloursSettled(target);
}

/** What coloursSettled uses of the page (this file compiles without the DOM's types). */
interface InPage {
  requestAnimationFrame(run: () => void): number;
  document: { getAnimations(): { playState: string; constructor: { name: string } }[] };
}

/**
 * Waits until no CSS transition runs: the UI's colours fade over when the scheme changes, and a
 * check made mid-fade (axe's contrast, a screenshot) reads colours that are neither scheme's. On a
 * loaded machine the fade can take far longer than its nominal 0.3 s, so this waits for the fades
 * themselves (two frames first, so the new scheme's transitions have started) rather than a time.
 * Infinite animations (a spinner) are not transitions and are not waited for.
 */
export async function coloursSettled(target: Page): Promise<void> {
  await target.evaluate(() => {
    const page = globalThis as unknown as InPage;
    return new Promise<void>((done) =>
      page.requestAnimationFrame(() => page.requestAnimationFrame(() => done())),
    );
  });
  // a function, not a string: the page's CSP forbids evaluating strings
  await target.waitForFunction(
    () =>
      (globalThis as unknown as InPage).document
        .getAnimations()
        .filter((a) => a.constructor.name === 'CSSTransition')
        .every((a) => a.playState !== 'running'),
    undefined,
    { timeout: 30_000, polling: 100 },
  );
}
