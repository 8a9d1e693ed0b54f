import { describe, expect, it } from 'vitest';
import { missedBy, missedLines, ratioGoal } from './goals';
import { testRow as row } from './test-row';

describe('ratioGoal', () => {
  it('reads the bound of ≤ and ≥ goals, with or without words after it', () => {
    expect(ratioGoal('≤ 0.50×')).toEqual({ op: '≤', bound: 0.5 });
    expect(ratioGoal('≤ 3× cp')).toEqual({ op: '≤', bound: 3 });
    expect(ratioGoal('≥ 0.80×')).toEqual({ op: '≥', bound: 0.8 });
    expect(ratioGoal('close to cp (≤ 2×)')).toEqual({ op: '≤', bound: 2 });
    expect(ratioGoal('all')).toBeUndefined();
    expect(ratioGoal('p95 < 1 s')).toBeUndefined();
  });
});

describe('missedBy', () => {
  it('says how many times the goal a missed ratio is', () => {
    const r = row({ measure: 'CPU', goal: '≤ 0.50×', met: false, values: { ratio: 0.62 } });
    expect(missedBy(r)).toBe('CPU: 0.62× against ≤ 0.50×: 1.24 times the goal (24 % over)');
  });

  it('for an at-least goal, how far under it', () => {
    const r = row({ measure: 'SFTP', goal: '≥ 0.80×', met: false, values: { ratio: 0.4 } });
    expect(missedBy(r)).toBe('SFTP: 0.40× against ≥ 0.80×: 2.00 times the goal (100 % under)');
  });

  it('other goals: what was measured against the goal', () => {
    const r = row({ measure: 'delivered', app: '198/200', goal: 'all', met: false });
    expect(missedBy(r)).toBe('delivered: 198/200 against all');
  });

  it('nothing for met goals and rows without one', () => {
    expect(missedBy(row({ goal: '≤ 1.10×', met: true, values: { ratio: 1 } }))).toBeUndefined();
    expect(missedBy(row({}))).toBeUndefined();
    expect(missedLines([row({}), row({ met: false, goal: 'all', app: '1/2' })])).toEqual([
      'm: 1/2 against all',
    ]);
  });
});
