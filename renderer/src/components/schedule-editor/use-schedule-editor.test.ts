import type { StreamDto } from '@contract/operations';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { effectScope, nextTick, type EffectScope } from 'vue';
import { ApiError } from '../../api/api-error';
import type { FakeClient } from '../../testing/fake-client';
import { storeTest } from '../../testing/store-test';
import { useScheduleEditor } from './use-schedule-editor';
import { scheduleDto } from '@contract/testing/schedule-fixtures';

vi.mock('../../cron/time-zones', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../cron/time-zones')>()),
  browserTimeZone: () => 'UTC',
}));

const existing = scheduleDto('sch-1');

const app = storeTest();
let client: FakeClient;
let streams: StreamDto[];
let scope: EffectScope;

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  client = app.client;
  streams = [{ id: 'st-1', name: 'Morning Show' } as StreamDto];
  client.handle('streams.list', () => ({ items: streams, total: streams.length }));
  client.handle('cron.preview', (input) => ({
    nextRuns: ['2026-11-24T06:00:00.000Z'],
    timezone: (input.timezone as string | undefined) ?? 'Europe/Berlin',
    warnings: [],
  }));
  scope = effectScope();
});

afterEach(() => {
  scope.stop();
  vi.useRealTimers();
});

const editor = () => scope.run(() => useScheduleEditor())!;
const previews = () => client.calls.filter((c) => c.op === 'cron.preview').map((c) => c.input);
async function settle() {
  await vi.advanceTimersByTimeAsync(300);
  await nextTick();
}

describe('useScheduleEditor', () => {
  it('opens a new schedule for the only stream, untouched and not dirty', async () => {
    const e = editor();
    e.open(null);
    await settle();
    expect(e.draft.value.streamId).toBe('st-1');
    expect(e.dirty.value).toBe(false);
    expect(e.errors.value).toEqual({});
    expect(e.expression.value).toBe('0 6 * * *');
    e.draft.value.durationMinutes = 90;
    expect(e.dirty.value).toBe(true);
  });

  it("asks the server's calendar once the typing pauses, and learns the server's zone", async () => {
    const e = editor();
    e.open(null, 'st-1');
    e.draft.value.timezone = '';
    await nextTick();
    await settle();
    expect(previews()).toEqual([{ expression: '0 6 * * *', count: 5 }]);
    expect(e.scheduleZone.value).toBe('Europe/Berlin');
    expect(e.zoneOptions.value[0]?.label).toBe("The server's time zone (Europe/Berlin)");
  });

  it('a closed editor asks nothing more', async () => {
    const e = editor();
    e.open(existing);
    e.close();
    await settle();
    expect(previews()).toEqual([]);
  });

  it('shows a problem once its field changed, every one after a save was tried', async () => {
    const e = editor();
    e.open(null, 'st-1');
    await settle();
    e.draft.value.padBeforeSeconds = null;
    expect(e.errors.value).toEqual({ padBeforeSeconds: 'Enter 0 or more seconds.' });
    e.draft.value.padBeforeSeconds = 0;
    e.draft.value.streamId = null;
    expect(await e.save()).toBeNull();
    expect(e.errors.value.streamId).toBe('Choose the stream to record.');
    expect(e.formError.value).toBe('Some fields need attention: see the messages below them.');
    e.draft.value.streamId = 'st-1';
    await nextTick();
    expect(e.formError.value).toBeNull();
  });

  it("puts the server's refusal on its field until that field changes; an edit sends what changed", async () => {
    client.refuse('schedules.update', 'The duration overlaps the next run.', 'durationMinutes');
    const e = editor();
    e.open(existing);
    e.draft.value.durationMinutes = 120;
    expect(await e.save()).toBeNull();
    expect(client.calls.find((c) => c.op === 'schedules.update')?.input).toEqual({
      id: 'sch-1',
      durationMinutes: 120,
    });
    expect(e.errors.value.durationMinutes).toBe('The duration overlaps the next run.');
    expect(e.draft.value.durationMinutes).toBe(120);
    e.draft.value.durationMinutes = 90;
    expect(e.errors.value.durationMinutes).toBeUndefined();

    client.handle('schedules.update', (input) => ({ ...existing, ...input }));
    expect(await e.save()).toEqual({ saved: { ...existing, durationMinutes: 90 }, created: false });
    expect(e.dirty.value).toBe(false);
  });

  it('a refusal that names no field shows above the form', async () => {
    client.handle('schedules.create', () => {
      throw new ApiError('NOT_FOUND', 'Stream st-1 does not exist.', { status: 404 });
    });
    const e = editor();
    e.open(null, 'st-1');
    expect(await e.save()).toBeNull();
    expect(e.formError.value).toBe('Stream st-1 does not exist.');
  });
});
