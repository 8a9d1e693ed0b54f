import { describe, expect, it } from 'vitest';
import { firstRunButtons, firstRunDone, firstRunSteps, type FirstRunFacts } from './first-run';

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

describe('firstRunButtons', () => {
  const buttons = (facts: Partial<FirstRunFacts>, subject: string | null) =>
    firstRunSteps({ ...empty, ...facts }).map((step) =>
      firstRunButtons(step, subject).map((b) => `${b.action}${b.primary ? '!' : ''}:${b.label}`),
    );

  it('offers what can be done next, the main action first', () => {
    expect(buttons({}, null)).toEqual([
      ['add-stream!:Add a stream'],
      [],
      [],
      ['add-destination!:Add a destination'],
    ]);
    expect(buttons({ streams: 1 }, 'Radio One')).toEqual([
      [],
      ['test!:Test “Radio One”'],
      ['record!:Record now', 'schedule:Add a schedule'],
      ['add-destination!:Add a destination'],
    ]);
  });

  it('offers nothing about a stream without one, and nothing once done', () => {
    expect(buttons({ streams: 1 }, null)).toEqual([
      [],
      [],
      [],
      ['add-destination!:Add a destination'],
    ]);
    expect(buttons({ streams: 1, tested: true, planned: true, destinations: 1 }, 'R')).toEqual([
      [],
      [],
      [],
      [],
    ]);
  });
});
