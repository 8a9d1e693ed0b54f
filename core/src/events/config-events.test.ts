import { describe, expect, it } from 'vitest';
import type { SchedulerControl } from '../scheduler/scheduler-control';
import { announcingScheduler } from './config-events';
import { createEventBus, type ConfigChange } from './event-bus';

function control(fail = false) {
  const reloaded: (string | undefined)[] = [];
  const inner: SchedulerControl = {
    reload: async (id) => {
      reloaded.push(id);
      if (fail) throw new Error('database locked');
    },
    nextRunTime: (id) => (id === 's1' ? '2026-12-02T07:00:00.000Z' : null),
  };
  return { inner, reloaded };
}

describe('announcingScheduler', () => {
  it('re-reads through the scheduler, then announces config-changed once per reload', async () => {
    const bus = createEventBus();
    const heard: ConfigChange[] = [];
    bus.on('config-changed', (change) => heard.push(change));
    const { inner, reloaded } = control();
    const scheduler = announcingScheduler(inner, bus);
    await scheduler.reload('s1');
    await scheduler.reload();
    expect(reloaded).toEqual(['s1', undefined]);
    expect(heard).toEqual([{ what: 'schedules', id: 's1' }, { what: 'schedules' }]);
    expect(scheduler.nextRunTime('s1')).toBe('2026-12-02T07:00:00.000Z');
  });

  it('announces also when the re-read failed, and passes the failure on', async () => {
    const bus = createEventBus();
    const heard: ConfigChange[] = [];
    bus.on('config-changed', (change) => heard.push(change));
    const scheduler = announcingScheduler(control(true).inner, bus);
    await expect(scheduler.reload('s2')).rejects.toThrow('database locked');
    expect(heard).toEqual([{ what: 'schedules', id: 's2' }]);
  });
});
