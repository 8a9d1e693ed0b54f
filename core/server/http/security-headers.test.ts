import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it('has the contract CSP, frame DENY, nosniff and no-referrer', () => {
    const options = securityHeaders(false);
    const csp = options.contentSecurityPolicy as { directives: Record<string, string[]> };
    expect(csp.directives).toMatchObject({
      defaultSrc: ["'self'"],
      connectSrc: ["'self'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      mediaSrc: ["'self'", 'blob:'],
      styleSrc: ["'self'", "'unsafe-inline'"],
      frameAncestors: ["'none'"],
    });
    expect(options.frameguard).toEqual({ action: 'deny' });
    expect(options.referrerPolicy).toEqual({ policy: 'no-referrer' });
  });

  it('adds HSTS and upgrade-insecure-requests only over HTTPS', () => {
    const http = securityHeaders(false);
    const https = securityHeaders(true);
    expect(http.hsts).toBe(false);
    expect(https.hsts).toMatchObject({ maxAge: 15_552_000 });
    const directives = (o: typeof http) =>
      (o.contentSecurityPolicy as { directives: Record<string, unknown> }).directives;
    expect(directives(http)).not.toHaveProperty('upgradeInsecureRequests');
    expect(directives(https)).toHaveProperty('upgradeInsecureRequests');
  });
});
