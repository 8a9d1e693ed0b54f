// Naive UI markup that fails the accessibility check (axe-core) where the library offers no prop
// to set it right, mended in the page as it appears: icons inside named controls are decoration,
// card titles are headings of level 2, the +/− buttons of number fields and the drawers get names.

type Mend = [selector: string, mend: (el: Element) => void];

const MENDS: Mend[] = [
  // the button, menu item or text around an icon names it; alone it says nothing
  [
    '.n-icon[role="img"]:not([aria-label]):not([aria-hidden])',
    (el) => el.setAttribute('aria-hidden', 'true'),
  ],
  ['[role="heading"]:not([aria-level])', (el) => el.setAttribute('aria-level', '2')],
  [
    '.n-input-number .n-input__suffix > button:not([aria-label])',
    (el) => el.setAttribute('aria-label', el.previousElementSibling ? 'Increase' : 'Decrease'),
  ],
  // a select's focusable part (named by v-aria-label) says it is a closed list box until opened
  ['[role="combobox"]:not([aria-expanded])', (el) => el.setAttribute('aria-expanded', 'false')],
  [
    '.n-drawer[role="dialog"]:not([aria-label])',
    (el) => {
      const title = el.querySelector('.n-drawer-header__main')?.textContent?.trim();
      if (title) el.setAttribute('aria-label', title);
    },
  ],
];

function mend(root: ParentNode): void {
  for (const [selector, fix] of MENDS) root.querySelectorAll(selector).forEach(fix);
}

/** Mends what is in `root` now and whatever is added later; answers the stop. */
export function mendLibraryMarkup(root: HTMLElement): () => void {
  mend(root);
  let queued = false;
  const observer = new MutationObserver(() => {
    if (queued) return;
    queued = true;
    queueMicrotask(() => {
      queued = false;
      mend(root);
    });
  });
  observer.observe(root, { childList: true, subtree: true });
  return () => observer.disconnect();
}
