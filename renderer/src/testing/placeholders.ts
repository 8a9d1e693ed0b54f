import { expect } from 'vitest';

/**
 * The one-line fields (text, password, number, url) in `root` with their placeholders, and the
 * placeholders of its selects (Naive UI draws those as text, not as an input's placeholder; the
 * select's own search input is left out).
 */
export function placeholders(root: Element): string[] {
  const inputs = [...root.querySelectorAll<HTMLInputElement>('input')]
    .filter((input) => ['text', 'password', 'number', 'url', ''].includes(input.type))
    .filter((input) => !input.closest('.n-base-selection'))
    .map((input) => input.placeholder);
  const selects = [...root.querySelectorAll('.n-base-selection-placeholder')].map(
    (el) => el.textContent ?? '',
  );
  return [...inputs, ...selects];
}

/** Every field says what goes in it: a real placeholder, never the library's "Please Input". */
export function expectRealPlaceholders(root: Element): void {
  const found = placeholders(root);
  expect(found.length).toBeGreaterThan(2);
  for (const text of found) {
    expect(text.trim()).not.toBe('');
    expect(text).not.toMatch(/please (input|enter|select)/i);
  }
}
