import { describe, expect, it } from 'vitest';
import { ActiveRecordings, StopRequest, USER_STOP } from './active-recordings';

describe('ActiveRecordings', () => {
  it('stops one recording with its reason, and refuses one that is not recording', () => {
    const active = new ActiveRecordings();
    const signal = active.begin('a');
    active.stop('a', USER_STOP);
    expect(signal.aborted).toBe(true);
    expect(signal.reason).toBeInstanceOf(StopRequest);
    expect((signal.reason as StopRequest).note).toBe(USER_STOP);
    expect(() => active.stop('nope')).toThrowError(
      expect.objectContaining({
        code: 'CONFLICT',
        message: 'This recording is not being recorded.',
      }),
    );
  });

  it('after stopAll, a recording that was just about to begin is stopped before it starts', () => {
    const active = new ActiveRecordings();
    const running = active.begin('a');
    active.stopAll();
    expect(running.aborted).toBe(true);
    const late = active.begin('b');
    expect(late.aborted).toBe(true);
    expect((late.reason as StopRequest).note).toBe('The app is shutting down.');
  });
});
