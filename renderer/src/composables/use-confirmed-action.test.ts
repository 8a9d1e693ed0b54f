// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, h, ref } from 'vue';
import { ApiError } from '../api/api-error';
import { click, lastButton, mountInProviders, pageTest } from '../testing/page';
import { useConfirmedAction, type ConfirmedAction } from './use-confirmed-action';

const app = pageTest();

/** A button that asks about `action` (busy shown as data-busy). */
function open(action: Omit<ConfirmedAction, 'busy'>) {
  const busy = ref(false);
  const Asker = defineComponent({
    setup() {
      const { ask } = useConfirmedAction();
      return () =>
        h('button', {
          'data-testid': 'ask',
          'data-busy': String(busy.value),
          onClick: () => ask({ ...action, busy }),
        });
    },
  });
  app.keep(mountInProviders(Asker));
  return busy;
}

const ACTION = { title: 'Make a new thing?', content: 'The old one goes.', positiveText: 'Make' };

describe('useConfirmedAction', () => {
  it('runs only after the positive answer, busy meanwhile, then says it is done', async () => {
    let finish: () => void = () => {};
    const run = vi.fn(() => new Promise<void>((resolve) => (finish = resolve)));
    const afterwards = vi.fn();
    const busy = open({ ...ACTION, run, done: 'Made.', afterwards });
    await click('ask');
    expect(document.body.textContent).toContain('The old one goes.');
    expect(run).not.toHaveBeenCalled();
    lastButton('Make').click();
    await flushPromises();
    expect(busy.value).toBe(true);
    finish();
    await flushPromises();
    expect(busy.value).toBe(false);
    expect(document.body.textContent).toContain('Made.');
    expect(afterwards).toHaveBeenCalledOnce();
  });

  it('says why it failed, and runs `failed`', async () => {
    const failed = vi.fn();
    const run = () => Promise.reject(new ApiError('CONFLICT', 'It is in use.'));
    open({ ...ACTION, run, done: 'Made.', failed });
    await click('ask');
    lastButton('Make').click();
    await flushPromises();
    expect(document.body.textContent).toContain('It is in use.');
    expect(document.body.textContent).not.toContain('Made.');
    expect(failed).toHaveBeenCalledOnce();
  });
});
