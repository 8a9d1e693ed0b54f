// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { sessionDto } from '@contract/testing/session-fixtures';
import WindowTimeline from './WindowTimeline.vue';

const quiet = sessionDto({
  status: 'COMPLETED',
  transferStatus: 'COMPLETED',
  startTime: '2026-11-24T06:00:00.000Z',
  endTime: '2026-11-24T07:00:00.000Z',
  plannedDurationSeconds: 3600,
  gaps: [{ at: '2026-11-24T06:30:00.000Z', seconds: 4 }],
  silences: [{ at: '2026-11-24T06:06:00.000Z', seconds: 720 }],
  deadAir: true,
});

describe('WindowTimeline', () => {
  it('marks gaps and silences on a bar of the window, and lists them as text', () => {
    const w = mount(WindowTimeline, { props: { session: quiet } });
    const marks = w.findAll('[data-testid="recording-timeline-mark"]');
    expect(marks.map((m) => [m.attributes('data-kind'), m.attributes('style')])).toEqual([
      ['silence', 'left: 10%; width: 20%;'],
      ['gap', expect.stringMatching(/^left: 50%; width: 0\.4%;$/)],
    ]);
    // the bar is one image with a name saying what it shows; the list gives each stretch
    const bar = w.get('[data-testid="recording-timeline-bar"]');
    expect(bar.attributes('role')).toBe('img');
    expect(bar.attributes('aria-label')).toBe(
      'Window of 1 h 00 min: 1 gap (4 s), 1 silence (12 min 00 s). The list below gives each one.',
    );
    const items = w.findAll('[data-testid="recording-marks"] li');
    expect(items.map((i) => i.attributes('data-testid'))).toEqual([
      'recording-silence',
      'recording-gap',
    ]);
    expect(items[0]!.text()).toContain('12 min 00 s of silence');
    expect(items[0]!.get('time').attributes('datetime')).toBe('2026-11-24T06:06:00.000Z');
    expect(items[1]!.text()).toContain('4 s without audio');
    expect(w.get('[data-testid="recording-dead-air"]').text()).toContain('Dead air');
    w.unmount();
  });

  it('says there is nothing to mark, in words that fit the state', () => {
    const clean = mount(WindowTimeline, {
      props: { session: { ...quiet, gaps: [], silences: [], deadAir: false } },
    });
    expect(clean.findAll('[data-testid="recording-timeline-mark"]')).toHaveLength(0);
    expect(clean.get('[data-testid="recording-no-gaps"]').text()).toContain(
      'without interruption and without long silences',
    );
    expect(clean.find('[data-testid="recording-dead-air"]').exists()).toBe(false);
    clean.unmount();
    const live = mount(WindowTimeline, {
      props: { session: { ...quiet, status: 'RECORDING', gaps: [], silences: [] } },
    });
    expect(live.get('[data-testid="recording-no-gaps"]').text()).toBe('None so far.');
    live.unmount();
  });

  it('does not call a failed recording that received nothing "without interruption"', () => {
    const dead = mount(WindowTimeline, {
      props: {
        session: {
          ...quiet,
          status: 'FAILED',
          stopReason: 'source-failed',
          gaps: [],
          silences: [],
          deadAir: false,
        },
      },
    });
    expect(dead.get('[data-testid="recording-no-gaps"]').text()).toBe(
      'No audio was received: the whole window is missing.',
    );
    dead.unmount();
  });
});
