// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h } from 'vue';
import { click, mountInProviders, pageTest } from '../testing/page';
import { useCopy } from './use-copy';

const app = pageTest();

function open(refused?: () => void) {
  const Copier = defineComponent({
    setup() {
      const copy = useCopy();
      return () =>
        h('button', {
          'data-testid': 'copy',
          onClick: () => copy('https://x.example/feed', 'URL copied.', 'the URL', refused),
        });
    },
  });
  app.keep(mountInProviders(Copier));
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('useCopy', () => {
  it('copies and says so', async () => {
    const writeText = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { clipboard: { writeText } });
    open();
    await click('copy');
    await flushPromises();
    expect(writeText).toHaveBeenCalledWith('https://x.example/feed');
    expect(document.body.textContent).toContain('URL copied.');
  });

  it('without a clipboard, says to copy by hand and runs `refused`', async () => {
    vi.stubGlobal('navigator', { clipboard: undefined });
    const refused = vi.fn();
    open(refused);
    await click('copy');
    await flushPromises();
    expect(refused).toHaveBeenCalledOnce();
    expect(document.body.textContent).toContain(
      'The browser does not allow copying here: select the URL and copy it.',
    );
  });
});
