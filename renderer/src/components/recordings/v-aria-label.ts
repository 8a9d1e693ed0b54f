import type { Directive } from 'vue';

/**
 * Names the focusable parts of a Naive UI select or date picker for screen readers (their
 * focusable element is inside the component, out of reach of attributes): the element that
 * takes focus gets `aria-label` (a date range's two inputs get "<label>: start/end").
 */
function label(el: HTMLElement, value: string): void {
  const inputs = [...el.querySelectorAll<HTMLInputElement>('input:not([type="hidden"])')];
  const focusables = [...el.querySelectorAll<HTMLElement>('[tabindex="0"]')];
  if (el.getAttribute('tabindex') === '0') focusables.unshift(el);
  if (inputs.length === 2) {
    inputs[0]?.setAttribute('aria-label', `${value}: first day`);
    inputs[1]?.setAttribute('aria-label', `${value}: last day`);
  } else {
    for (const input of inputs) input.setAttribute('aria-label', value);
  }
  for (const focusable of focusables) {
    focusable.setAttribute('aria-label', value);
    if (!focusable.getAttribute('role')) focusable.setAttribute('role', 'combobox');
  }
}

export const vAriaLabel: Directive<HTMLElement, string> = {
  mounted: (el, binding) => label(el, binding.value),
  updated: (el, binding) => label(el, binding.value),
};
