import { describe, expect, it } from 'vitest';
import { channelsFor } from './channels-for';

describe('channelsFor', () => {
  const channels = [
    { id: 'a', enabled: true, events: ['recording.failed', 'disk.low'] as const },
    { id: 'b', enabled: false, events: ['recording.failed'] as const },
    { id: 'c', enabled: true, events: ['recording.completed'] as const },
    { id: 'd', enabled: true, events: [] as const },
  ];

  it('picks the enabled channels that chose the event, in their order', () => {
    expect(channelsFor('recording.failed', channels).map((c) => c.id)).toEqual(['a']);
    expect(channelsFor('recording.completed', channels).map((c) => c.id)).toEqual(['c']);
    expect(channelsFor('disk.low', channels).map((c) => c.id)).toEqual(['a']);
  });

  it('picks none when no channel chose the event', () => {
    expect(channelsFor('preflight.failed', channels)).toEqual([]);
    expect(channelsFor('recording.failed', [])).toEqual([]);
  });
});
