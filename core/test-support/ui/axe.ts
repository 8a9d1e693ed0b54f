// An accessibility check of a page with axe-core (npm `axe-core`): its script is injected into the
// page through playwright-core (evaluated, not a <script> tag: the app's CSP refuses inline
// scripts, rightly) and run there; the serious and critical violations come back, each
// with the elements it found (at most 5) and axe's own summary of what to fix.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SCRIPT = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

// runs in the page (a string: the page's `axe` is not this file's)
const RUN = `axe
  .run(document, { resultTypes: ['violations'] })
  .then((result) =>
    result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      })),
  )`;

/** The serious and critical axe-core violations of what `page` shows now. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  if (!(await page.evaluate('typeof window.axe === "object"'))) {
    await page.evaluate(AXE_SCRIPT);
  }
  return (await page.evaluate(RUN)) as AxeViolation[];
}

/** Violations as lines a failed assertion shows: `screen: rule (impact): help — element: fix`. */
export function describeViolations(screen: string, violations: AxeViolation[]): string[] {
  return violations.flatMap((v) =>
    v.nodes.map((node) => `${screen}: ${v.id} (${v.impact}): ${v.help} — ${node}`),
  );
}
