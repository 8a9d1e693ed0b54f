import { describe, expect, it } from 'vitest';
import { describeCron } from './describe';

describe('describeCron', () => {
  it.each([
    ['30 6 * * *', 'At 06:30, every day'],
    ['30 6 * * 1-5', 'At 06:30, Monday through Friday'],
    ['5 18 * * 0', 'At 18:05, only on Sunday'],
    ['*/15 * * * *', 'Every 15 minutes'],
    ['  0   7 * *   SAT ', 'At 07:00, only on Saturday'],
  ])('%s reads "%s"', (expression, text) => {
    expect(describeCron(expression)).toEqual({ ok: true, text });
  });

  it('says what is wrong', () => {
    expect(describeCron('')).toEqual({ ok: false, error: 'Enter a cron expression.' });
    expect(describeCron('* * *')).toEqual({
      ok: false,
      error: expect.stringMatching(/^The expression has 3 fields, not 5\. Use the 5 fields/),
    });
    expect(describeCron('0 0 0 1 1 * 2030')).toMatchObject({ ok: false });
    expect(describeCron('0 30 6 * * *')).toEqual({
      ok: false,
      error: expect.stringMatching(
        /^The expression has 6 fields: .* write it as "30 6 \* \* \*"\.$/,
      ),
    });
    expect(describeCron('61 * * * *')).toEqual({
      ok: false,
      error: 'Minutes part must be >= 0 and <= 59.',
    });
  });
});
