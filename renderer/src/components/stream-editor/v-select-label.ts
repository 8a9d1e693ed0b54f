import type { Directive } from 'vue';

/**
 * Names a Naive UI select for screen readers: its focusable element is a plain <div>, which a
 * `<label for>` cannot point at, so it gets the combobox role and the label text.
 * Usage: `<NSelect v-select-label="'Destination'" ... />`.
 */
export const vSelectLabel: Directive<HTMLElement, string> = {
  mounted: label,
  updated: label,
};

function label(root: HTMLElement, binding: { value: string }): void {
  const target = root.querySelector<HTMLElement>('[tabindex="0"]') ?? root;
  target.setAttribute('role', 'combobox');
  target.setAttribute('aria-haspopup', 'listbox');
  target.setAttribute('aria-label', binding.value);
}
