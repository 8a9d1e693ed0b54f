// @vitest-environment happy-dom
import { describe, expect, it, vi } from 'vitest';
import { submitOnEnter } from './submit-on-enter';

function enterIn(element: HTMLElement): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key: 'Enter', cancelable: true });
  Object.defineProperty(event, 'target', { value: element });
  return event;
}

describe('submitOnEnter', () => {
  it('submits on Enter in a one-line field, not in a text area', () => {
    const submit = vi.fn();
    const onKeydown = submitOnEnter(submit);
    const input = document.createElement('input');
    input.type = 'password';
    const event = enterIn(input);
    onKeydown(event);
    expect(submit).toHaveBeenCalledOnce();
    expect(event.defaultPrevented).toBe(true);
    onKeydown(enterIn(document.createElement('textarea')));
    expect(submit).toHaveBeenCalledOnce();
  });
});
