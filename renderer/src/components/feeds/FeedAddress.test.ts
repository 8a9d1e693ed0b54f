// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { byTestId, click, maybe, mountInProviders, pageTest } from '../../testing/page';
import FeedAddress from './FeedAddress.vue';
import { qrSvg } from './feed-url';

const app = pageTest();
const URL_PATH = '/feeds/tok-1/s1.xml';
const ABSOLUTE = `${location.origin}${URL_PATH}`;

function mountAddress(props: { url: string; title: string; qrOpen?: boolean }) {
  return app.keep(mountInProviders({ render: () => h(FeedAddress, props) }));
}

/** Waits until the QR code's image is in the page (it is made asynchronously). */
async function qrImage(): Promise<HTMLElement> {
  await vi.waitFor(() => expect(maybe('feed-qr')).not.toBeNull());
  return byTestId<HTMLElement>('feed-qr');
}

/** The SVG document an <img> shows from its data: URL. */
function svgOf(img: HTMLElement): string {
  const src = img.getAttribute('src') ?? '';
  expect(src.startsWith('data:image/svg+xml,')).toBe(true);
  return decodeURIComponent(src.slice('data:image/svg+xml,'.length));
}

afterEach(() => vi.unstubAllGlobals());

describe('FeedAddress', () => {
  it('shows the absolute URL and, behind its button, the QR code of exactly that URL', async () => {
    mountAddress({ url: URL_PATH, title: 'Morning Show' });
    await flushPromises();
    expect(byTestId('feed-url').textContent).toBe(ABSOLUTE);
    expect(maybe('feed-qr')).toBeNull();
    expect(byTestId('feed-qr-toggle').getAttribute('aria-expanded')).toBe('false');

    await click('feed-qr-toggle');
    const qr = await qrImage();
    expect(qr.tagName).toBe('IMG');
    expect(qr.getAttribute('alt')).toBe('QR code of the feed URL of Morning Show');
    expect(svgOf(qr)).toBe(await qrSvg(ABSOLUTE));
    expect(byTestId('feed-qr-toggle').getAttribute('aria-expanded')).toBe('true');
    expect(byTestId('feed-qr-toggle').getAttribute('aria-controls')).toBe(qr.id);
  });

  it('shows the QR code at once when asked to (the stream editor)', async () => {
    mountAddress({ url: 'https://radio.example.org/feeds/t/all.xml', title: 'All', qrOpen: true });
    const qr = await qrImage();
    expect(svgOf(qr)).toBe(await qrSvg('https://radio.example.org/feeds/t/all.xml'));
  });

  it('copies the absolute URL', async () => {
    const writeText = vi.fn(async (_text: string) => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    mountAddress({ url: URL_PATH, title: 'Morning Show' });
    await click('feed-copy');
    expect(writeText).toHaveBeenCalledWith(ABSOLUTE);
    await vi.waitFor(() => expect(document.body.textContent).toContain('Feed URL copied.'));
  });

  it('says how to copy by hand where the browser allows no clipboard', async () => {
    const writeText = vi.fn(async () => Promise.reject(new Error('not allowed')));
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    mountAddress({ url: URL_PATH, title: 'Morning Show' });
    await click('feed-copy');
    await vi.waitFor(() =>
      expect(document.body.textContent).toContain('select the URL and copy it'),
    );
  });
});
