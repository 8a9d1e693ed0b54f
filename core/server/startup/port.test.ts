import { describe, expect, it } from 'vitest';
import { freePort } from '../../test-support/free-port';
import { listenFailure, reservePort } from './port';

describe('reservePort', () => {
  it('holds a port so that a second reservation fails with a message naming it', async () => {
    const port = await freePort();
    const held = await reservePort('127.0.0.1', port);
    await expect(reservePort('127.0.0.1', port)).rejects.toThrow(
      new RegExp(`Port ${port} on 127\\.0\\.0\\.1 is already in use`),
    );
    await held.release();
    const again = await reservePort('127.0.0.1', port);
    await again.release();
  });

  it('explains the usual listen failures', () => {
    const err = (code: string) => Object.assign(new Error(code), { code });
    expect(listenFailure(err('EACCES'), '0.0.0.0', 80).message).toMatch(/above 1023/);
    expect(listenFailure(err('EADDRNOTAVAIL'), '10.9.9.9', 8666).message).toMatch(
      /HOST 10\.9\.9\.9 is not an address/,
    );
    expect(listenFailure(err('EOTHER'), 'h', 1).message).toBe('EOTHER');
  });
});
