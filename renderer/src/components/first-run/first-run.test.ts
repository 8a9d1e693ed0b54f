import { describe, expect, it } from 'vitest';
import { firstRunDone, firstRunSteps, type FirstRunFacts } from './first-run';

const empty: FirstRunFacts = { streams: 0, tested: false, planned: false, destinations: 0 };
const state = (facts: Partial<FirstRunFacts>) =>
  firstRunSteps({ ...empty, ...facts }).map(
    (s) => `${s.id}:${s.done ? 'done' : s.ready ? 'ready' : 'waits'}`,
  );

describe('firstRunSteps', () => {
  it('on an empty install: add a stream and a destination can be done; test and record wait for a stream', () => {
    expect(state({})).toEqual(['stream:ready', 'test:waits', 'record:waits', 'destination:ready']);
    expect(firstRunDone(firstRunSteps(empty))).toBe(false);
  });

  it('ticks off what the state shows, in any order', () => {
    expect(state({ streams: 1 })).toEqual([
      'stream:done',
      'test:ready',
      'record:ready',
      'destination:ready',
    ]);
    expect(state({ streams: 1, planned: true, destinations: 1 })).toEqual([
      'stream:done',
      'test:ready',
      'record:done',
      'destination:done',
    ]);
    // a test or a recording of a stream deleted since does not count without a stream
    expect(state({ tested: true, planned: true })).toEqual([
      'stream:ready',
      'test:waits',
      'record:waits',
      'destination:ready',
    ]);
  });

  it('is done when all four are', () => {
    const all = firstRunSteps({ streams: 2, tested: true, planned: true, destinations: 1 });
    expect(firstRunDone(all)).toBe(true);
  });
});
