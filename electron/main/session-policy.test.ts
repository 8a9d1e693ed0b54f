import { describe, expect, it } from 'vitest';
import { FakeSession } from '../testing/fakes';
import { applySessionPolicy } from './session-policy';

describe('the window session', () => {
  it('grants the page only the clipboard write, asked or checked', () => {
    const session = new FakeSession();
    applySessionPolicy(session, {});
    expect(session.request('clipboard-sanitized-write')).toBe(true);
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      expect(session.request(permission)).toBe(false);
      expect(session.checkHandler?.(null, permission)).toBe(false);
    }
    expect(session.checkHandler?.(null, 'clipboard-sanitized-write')).toBe(true);
  });

  it('the built page brings its own CSP: no header hook', () => {
    const session = new FakeSession();
    applySessionPolicy(session, {});
    expect(session.headersListeners).toEqual([]);
  });

  it("in development, the dev server's pages get the CSP header", () => {
    const session = new FakeSession();
    applySessionPolicy(session, { devServer: 'http://localhost:5174/' });
    expect(session.headersListeners).toHaveLength(1);
    const page = session.receive({ url: 'http://localhost:5174/', resourceType: 'mainFrame' });
    expect(page?.responseHeaders?.['Content-Security-Policy']?.[0]).toContain(
      "script-src 'self' http://localhost:5174;",
    );
  });
});
