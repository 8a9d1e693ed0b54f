import { describe, expect, it } from 'vitest';
import { absoluteFeedUrl, qrSvg } from './feed-url';

describe('absoluteFeedUrl', () => {
  it('puts a path on the page’s origin', () => {
    expect(absoluteFeedUrl('/feeds/tok/s1.xml', 'http://nas.local:8666')).toBe(
      'http://nas.local:8666/feeds/tok/s1.xml',
    );
  });

  it('keeps an absolute URL (PUBLIC_URL) as it is', () => {
    expect(
      absoluteFeedUrl('https://radio.example.org/feeds/tok/all.xml', 'http://127.0.0.1:8666'),
    ).toBe('https://radio.example.org/feeds/tok/all.xml');
  });
});

describe('qrSvg', () => {
  it('answers an SVG image of the URL', async () => {
    const svg = await qrSvg('https://radio.example.org/feeds/tok/all.xml');
    expect(svg).toMatch(/^<svg [^>]*viewBox="0 0 \d+ \d+"/);
    expect(svg).toContain('<path');
  });
});
