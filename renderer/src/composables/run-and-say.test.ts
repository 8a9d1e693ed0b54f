import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/api-error';
import { runAndSay } from './run-and-say';

function messages() {
  return { success: vi.fn(), error: vi.fn() };
}

describe('runAndSay', () => {
  it('is busy while the action runs, then says it is done', async () => {
    const message = messages();
    const busy = vi.fn();
    let busyDuring: unknown;
    const ok = await runAndSay(
      message,
      async () => (busyDuring = busy.mock.calls.at(-1)?.[0]),
      'Deleted “Jazz Night”.',
      busy,
    );
    expect(ok).toBe(true);
    expect(busyDuring).toBe(true);
    expect(busy.mock.calls).toEqual([[true], [false]]);
    expect(message.success).toHaveBeenCalledWith('Deleted “Jazz Night”.');
    expect(message.error).not.toHaveBeenCalled();
  });

  it('says why it failed, and is no longer busy', async () => {
    const message = messages();
    const busy = vi.fn();
    const ok = await runAndSay(
      message,
      () => Promise.reject(new ApiError('CONFLICT', 'The recording already ended.')),
      'Stopped.',
      busy,
    );
    expect(ok).toBe(false);
    expect(message.success).not.toHaveBeenCalled();
    expect(message.error.mock.calls[0]?.[0]).toContain('The recording already ended.');
    expect(busy.mock.calls.at(-1)).toEqual([false]);
  });
});
