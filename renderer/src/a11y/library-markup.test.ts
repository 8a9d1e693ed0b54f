// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { mendLibraryMarkup } from './library-markup';

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  document.body.innerHTML = '';
});

describe('mendLibraryMarkup', () => {
  it('names what Naive UI leaves unnamed, now and when it appears later', async () => {
    document.body.innerHTML = `
      <button aria-label="Log out"><i class="n-icon" role="img"></i></button>
      <i class="n-icon" role="img" aria-label="Live"></i>
      <div class="n-card-header" role="heading">Recordings</div>`;
    stop = mendLibraryMarkup(document.body);
    expect(document.querySelector('button .n-icon')?.getAttribute('aria-hidden')).toBe('true');
    expect(document.querySelector('[aria-label="Live"]')?.hasAttribute('aria-hidden')).toBe(false);
    expect(document.querySelector('.n-card-header')?.getAttribute('aria-level')).toBe('2');

    const later = document.createElement('div');
    later.innerHTML = `
      <div class="n-input-number"><div class="n-input__suffix"><button></button><button></button></div></div>
      <div class="n-drawer" role="dialog"><div class="n-drawer-header__main">New stream</div></div>`;
    document.body.append(later);
    await new Promise((resolve) => setTimeout(resolve, 0));
    const steps = [...document.querySelectorAll('.n-input__suffix > button')];
    expect(steps.map((b) => b.getAttribute('aria-label'))).toEqual(['Decrease', 'Increase']);
    expect(document.querySelector('.n-drawer')?.getAttribute('aria-label')).toBe('New stream');
  });
});
