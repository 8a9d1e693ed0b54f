// Test-only: what a failed browser test leaves behind to look at.
import type { Page } from 'playwright-core';
import { afterEach } from 'vitest';
import type { UiHarness } from './ui-harness';

/**
 * Registers, in the calling file, an afterEach that leaves a picture of `page()` and the server's
 * log when a test failed: test-results/screenshots/<prefix><the test's name, `nameLength` at most>.png.
 */
export function keepFailures(
  ui: () => UiHarness,
  page: () => Page | undefined,
  prefix: string,
  nameLength = 50,
): void {
  afterEach(async ({ task }) => {
    const shown = page();
    if (task.result?.state !== 'fail' || !shown) return;
    const name = `${prefix}${task.name.replace(/[^a-z0-9]+/gi, '-').slice(0, nameLength)}`;
    await ui()
      .screenshot(shown, name)
      .catch(() => undefined);
    console.log(
      `screenshot: test-results/screenshots/${name}.png\nserver log:\n${ui().server.log()}`,
    );
  });
}
