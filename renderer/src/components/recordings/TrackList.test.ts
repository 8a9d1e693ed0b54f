// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { sessionDto } from '@contract/testing/session-fixtures';
import TrackList from './TrackList.vue';

const session = Object.assign(
  sessionDto({ status: 'COMPLETED', startTime: '2026-12-02T20:00:00.000Z' }),
  {
    tracks: [
      { at: '2026-12-02T20:07:05.000Z', title: '<img src=x onerror=alert(1)>Second\u0007' },
      { at: '2026-12-02T20:00:00.000Z', title: 'Björk – "Jóga"' },
    ],
  },
);

/** The time as the user's locale writes it in Berlin (the test machine's locale may be 12-hour). */
const berlin = (iso: string) =>
  new Intl.DateTimeFormat(undefined, {
    timeZone: 'Europe/Berlin',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(iso));

describe('TrackList', () => {
  it('lists each title with the local time it was seen, as text never markup', () => {
    const w = mount(TrackList, { props: { session, timeZone: 'Europe/Berlin' } });
    const items = w.findAll('[data-testid="recording-track"]');
    expect(items.map((i) => [i.get('time').text(), i.get('.title').text()])).toEqual([
      [berlin('2026-12-02T20:00:00.000Z'), 'Björk – "Jóga"'],
      [berlin('2026-12-02T20:07:05.000Z'), '<img src=x onerror=alert(1)>Second'],
    ]);
    expect(berlin('2026-12-02T20:07:05.000Z')).toMatch(/^(21:07:05|0?9:07:05\s?PM)$/);
    expect(items[1]!.get('time').attributes('datetime')).toBe('2026-12-02T20:07:05.000Z');
    expect(w.find('img').exists()).toBe(false);
    w.unmount();
  });

  it('shows nothing for a session without tracks', () => {
    const w = mount(TrackList, { props: { session: sessionDto({ status: 'COMPLETED' }) } });
    expect(w.find('[data-testid="recording-tracklist"]').exists()).toBe(false);
    w.unmount();
  });
});
