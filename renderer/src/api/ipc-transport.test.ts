import { describe, expect, it, vi } from 'vitest';
import { createClient } from './client';
import { IpcTransport } from './ipc-transport';
import type { RecorderBridge } from '@contract';

function bridge(answer: Awaited<ReturnType<RecorderBridge['invoke']>>) {
  const listeners = new Map<string, (payload: unknown) => void>();
  const fake = {
    invoke: vi.fn(async () => answer),
    on: vi.fn((event: string, listener: (payload: unknown) => void) => {
      listeners.set(event, listener);
      return () => listeners.delete(event);
    }),
  } satisfies RecorderBridge;
  return { fake, listeners };
}

describe('IpcTransport', () => {
  it('invokes through the preload bridge and unwraps the answer', async () => {
    const { fake } = bridge({ ok: true, value: { items: [], total: 0 } });
    const client = createClient(new IpcTransport(fake));
    await expect(client.invoke('streams.list')).resolves.toEqual({ items: [], total: 0 });
    expect(fake.invoke).toHaveBeenCalledWith('streams.list', {});
  });

  it('turns an error envelope into an ApiError with code and field', async () => {
    const { fake } = bridge({
      ok: false,
      error: { code: 'VALIDATION_FAILED', message: 'too long', field: 'durationSeconds' },
    });
    const transport = new IpcTransport(fake);
    await expect(
      transport.invoke('streams.record', { id: 'a', durationSeconds: 1e9 }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', field: 'durationSeconds' });
  });

  it('refuses names that are not in the contract', async () => {
    const { fake } = bridge({ ok: true, value: null });
    const transport = new IpcTransport(fake);
    await expect(transport.invoke('nope' as never, {})).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(fake.invoke).not.toHaveBeenCalled();
    expect(() => transport.on('nope' as never, () => undefined)).toThrow();
  });

  it('forwards events and needs no login', async () => {
    const { fake, listeners } = bridge({ ok: true, value: null });
    const transport = new IpcTransport(fake);
    const got: unknown[] = [];
    const off = transport.on('system', (payload) => got.push(payload));
    listeners.get('system')!({ activeRecordings: 1, maxConcurrentRecordings: 3 });
    off();
    expect(got).toEqual([{ activeRecordings: 1, maxConcurrentRecordings: 3 }]);
    expect(listeners.size).toBe(0);
    expect(transport.auth.needsLogin).toBe(false);
    await expect(transport.auth.session()).resolves.toMatchObject({ via: 'desktop' });
  });
});
