import { describe, expect, it } from 'vitest';
import { describeCron } from './describe-cron';

describe('describeCron', () => {
  it.each([
    ['0 6 * * *', 'At 06:00 every day'],
    ['30 7 * * 1-5', 'At 07:30 on Monday to Friday'],
    ['0 20 * * sat,sun', 'At 20:00 on Saturday and Sunday'],
    ['0 6,18 * * *', 'At 06:00 and 18:00 every day'],
    ['*/15 * * * *', 'Every 15 minutes'],
    ['5 * * * *', 'Every hour at minute 5'],
    ['* * * * *', 'Every minute'],
    ['0 0 6 * * 0', 'At 06:00 on Sunday'],
    ['0 9 1 * *', 'At 09:00 on day 1 of every month'],
    ['@daily', 'At 00:00 every day'],
  ])('%s → %s', (expr, text) => {
    expect(describeCron(expr)).toBe(text);
  });

  it.each(['0 6 * 1 *', '0 0 6 15 * 0', '*/10 * * * * *', '0 6 L * *', '0 6 * * MON#2', 'x'])(
    'leaves %s undescribed',
    (expr) => {
      expect(describeCron(expr)).toBeUndefined();
    },
  );
});
