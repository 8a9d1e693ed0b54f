import { describe, expect, it, vi } from 'vitest';
import type { CronPreviewDto } from '../../contract/operations/cron';
import { cronOperations } from './cron';
import { testContextEachTest, TEST_NOW, type TestContext } from './resource-test-context';

let t: TestContext;
testContextEachTest(cronOperations, (context) => (t = context));

const preview = async (input: Record<string, unknown>) =>
  (await t.invoke('cron.preview', input)) as CronPreviewDto;

async function refusedWith(input: Record<string, unknown>, field: string) {
  const error = await t.invoke('cron.preview', input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toMatchObject({ code: 'VALIDATION_FAILED', field });
  return error as Error;
}

/** Moves the test clock to `iso` (it only goes forward). */
function at(iso: string) {
  t.clock.advance(Date.parse(iso) - t.clock.now());
}

describe('cron.preview', () => {
  it('lists the next runs in the zone, with a description and no warnings', async () => {
    // TEST_NOW: 2026-11-24 06:00 UTC (07:00 in Berlin)
    expect(new Date(TEST_NOW).toISOString()).toBe('2026-11-24T06:00:00.000Z');
    expect(await preview({ expression: '0 6 * * *', timezone: 'Europe/Berlin', count: 3 })).toEqual(
      {
        nextRuns: [
          '2026-11-25T05:00:00.000Z',
          '2026-11-26T05:00:00.000Z',
          '2026-11-27T05:00:00.000Z',
        ],
        timezone: 'Europe/Berlin',
        description: 'At 06:00, every day',
        warnings: [],
      },
    );
  });

  it('defaults to 5 runs in the app zone; count may come as query text; up to 50', async () => {
    const p = await preview({ expression: '*/10 * * * *' });
    expect(p.timezone).toBe('UTC');
    expect(p.nextRuns).toEqual([
      '2026-11-24T06:10:00.000Z',
      '2026-11-24T06:20:00.000Z',
      '2026-11-24T06:30:00.000Z',
      '2026-11-24T06:40:00.000Z',
      '2026-11-24T06:50:00.000Z',
    ]);
    expect(p.description).toBe('Every 10 minutes');
    expect((await preview({ expression: '@hourly', count: '2', timezone: '' })).nextRuns).toEqual([
      '2026-11-24T07:00:00.000Z',
      '2026-11-24T08:00:00.000Z',
    ]);
    expect((await preview({ expression: '* * * * *', count: 50 })).nextRuns).toHaveLength(50);
  });

  it('lists only the runs of the next 5 years, and checks DST only around them', async () => {
    // 2026-11-24 + 5 years: the leap days 2028 and (not yet) 2032; before, 50 runs reached 2232
    // and the DST scan walked every hour in between (about 10 s with the event loop blocked)
    const spy = vi.spyOn(Intl.DateTimeFormat.prototype, 'formatToParts');
    try {
      const p = await preview({ expression: '0 0 29 2 *', timezone: 'Europe/Berlin', count: 50 });
      expect(p.nextRuns).toEqual(['2028-02-28T23:00:00.000Z']);
      expect(p.warnings).toEqual([]);
      expect(spy.mock.calls.length).toBeLessThan(1000);
    } finally {
      spy.mockRestore();
    }
    const yearly = await preview({ expression: '0 20 31 12 *', timezone: 'UTC', count: 50 });
    expect(yearly.nextRuns).toEqual([
      '2026-12-31T20:00:00.000Z',
      '2027-12-31T20:00:00.000Z',
      '2028-12-31T20:00:00.000Z',
      '2029-12-31T20:00:00.000Z',
      '2030-12-31T20:00:00.000Z',
    ]);
  });

  it.each([0, 51, -1, 2.5, 'abc', '1e3', true])('refuses count %j', async (count) => {
    await refusedWith({ expression: '* * * * *', count }, 'count');
  });

  it.each([
    ['61 * * * *', /minute: 61/],
    ['* * * * * * * *', /has 8 fields, not 5/],
    ['0 30 6 * * *', /has 6 fields: the first is seconds.*write it as "30 6 \* \* \*"/],
    ['0 6 * * mon-', /not valid/],
    ['0 0 30 2 *', /never runs/],
  ])('refuses the expression %s naming expression and what is wrong', async (expression, why) => {
    const error = await refusedWith({ expression }, 'expression');
    expect(error.message).toMatch(why);
  });

  it('refuses a missing or empty expression and an unknown zone', async () => {
    await refusedWith({}, 'expression');
    await refusedWith({ expression: ' ' }, 'expression');
    await refusedWith({ expression: 42 }, 'expression');
    const error = await refusedWith(
      { expression: '0 6 * * *', timezone: 'Atlantis/Capital' },
      'timezone',
    );
    expect(error.message).toMatch(/IANA time zone/);
  });

  describe('DST warnings', () => {
    it('Europe/Berlin, spring: the 02:30 run moves to 03:00 and is flagged', async () => {
      at('2027-03-26T12:00:00Z');
      const p = await preview({ expression: '30 2 * * *', timezone: 'Europe/Berlin', count: 4 });
      expect(p.nextRuns).toEqual([
        '2027-03-27T01:30:00.000Z',
        '2027-03-28T01:00:00.000Z',
        '2027-03-29T00:30:00.000Z',
        '2027-03-30T00:30:00.000Z',
      ]);
      expect(p.warnings).toHaveLength(1);
      expect(p.warnings[0]).toMatch(/2027-03-28 03:00.*go forward from 02:00 to 03:00/);
    });

    it('Europe/Berlin, autumn: the 02:30 run happens once and is flagged', async () => {
      at('2027-10-30T12:00:00Z');
      const p = await preview({ expression: '30 2 * * *', timezone: 'Europe/Berlin', count: 2 });
      expect(p.nextRuns).toEqual(['2027-10-31T00:30:00.000Z', '2027-11-01T01:30:00.000Z']);
      expect(p.warnings).toHaveLength(1);
      expect(p.warnings[0]).toMatch(/go back from 03:00 to 02:00/);
    });

    it('America/New_York: an hourly schedule runs on both passes of the repeated hour', async () => {
      at('2026-11-01T04:30:00Z');
      const p = await preview({ expression: '0 * * * *', timezone: 'America/New_York', count: 3 });
      expect(p.nextRuns).toEqual([
        '2026-11-01T05:00:00.000Z', // 01:00 EDT
        '2026-11-01T06:00:00.000Z', // 01:00 EST
        '2026-11-01T07:00:00.000Z', // 02:00 EST
      ]);
      expect(p.warnings).toHaveLength(3);
    });
  });
});
