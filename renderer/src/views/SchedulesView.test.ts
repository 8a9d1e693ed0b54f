// @vitest-environment happy-dom
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ScheduleDto, StreamDto } from '@contract/operations';
import { ApiError } from '../api/api-error';
import { answerPreviews, mountPage } from '../components/schedule-editor/test-mount';
import { pageTest } from '../testing/page';
import SchedulesView from './SchedulesView.vue';
import { scheduleDto } from '@contract/testing/schedule-fixtures';

vi.mock('../cron/time-zones', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../cron/time-zones')>()),
  browserTimeZone: () => 'UTC',
}));

function schedule(id: string, patch: Partial<ScheduleDto> = {}): ScheduleDto {
  return scheduleDto(id, {
    cronExpression: '30 6 * * 1-5',
    timezone: 'Europe/Berlin',
    nextRunTime: '2026-11-25T05:30:00.000Z',
    ...patch,
  });
}

const app = pageTest();
let streams: StreamDto[];
let listed: ScheduleDto[];

beforeEach(() => {
  streams = [
    { id: 'st-1', name: 'Morning Show' } as StreamDto,
    { id: 'st-2', name: 'Jazz Night' } as StreamDto,
  ];
  listed = [
    schedule('a'),
    schedule('b', { cronExpression: '0 18 * * 0', durationMinutes: 120 }),
    schedule('c', { streamId: 'st-2', cronExpression: '0 22 * * 5', timezone: null }),
  ];
  app.client.list('streams.list', () => streams);
  app.client.list('schedules.list', () => listed);
  answerPreviews(app.client, ['2026-11-25T05:00:00.000Z', '2026-11-26T05:00:00.000Z']);
});

afterEach(() => {
  vi.useRealTimers();
});

async function open(url = '/schedules') {
  const page = app.keep(await mountPage(SchedulesView, url, app.pinia));
  await flushPromises();
  return page;
}

const rows = (w: VueWrapper) => w.findAll('[data-testid="schedule-row"]');
const body = () => document.body;

describe('SchedulesView', () => {
  it('lists the schedules grouped by stream, streams by name, described in words', async () => {
    const { wrapper: w } = await open();
    const groups = w.findAll('[data-testid="schedule-group"]');
    expect(groups.map((g) => g.attributes('data-stream-id'))).toEqual(['st-2', 'st-1']);
    expect(groups[0]!.text()).toContain('Jazz Night');
    expect(groups[1]!.findAll('[data-testid="schedule-row"]')).toHaveLength(2);
    const first = groups[1]!.get('[data-schedule-id="a"]');
    expect(first.get('[data-testid="schedule-description"]').text()).toBe(
      'At 06:30, Monday through Friday',
    );
    expect(first.text()).toContain('Europe/Berlin');
    expect(first.text()).toContain('1 h 00 min');
    // 05:30 UTC for the user; 06:30 on the schedule's clock
    expect(first.get('[data-testid="schedule-next-run"]').attributes('data-at')).toBe(
      '2026-11-25T05:30:00.000Z',
    );
    expect(first.get('[data-testid="schedule-next-run-zone"]').text()).toMatch(/06:30/);
    expect(groups[0]!.text()).toContain("server's time zone");
    // 06:30 is never in a clock change; 02:30 daily in Berlin is (see the next test)
    expect(first.find('[data-testid="schedule-dst"]').exists()).toBe(false);
  });

  it('says the day of the next run: tomorrow, or the weekday and date', async () => {
    vi.useFakeTimers({ now: Date.parse('2026-11-24T12:00:00.000Z'), toFake: ['Date'] });
    listed = [schedule('a'), schedule('far', { nextRunTime: '2026-11-29T17:00:00.000Z' })];
    const { wrapper: w } = await open();
    const next = (id: string) =>
      w.get(`[data-schedule-id="${id}"] [data-testid="schedule-next-run"]`).text();
    expect(next('a')).toMatch(/^Tomorrow 0?5:30/);
    expect(next('far')).toMatch(/^Sun,? 29 Nov,? 0?5:00|^Sun,? Nov 29,? 0?5:00/);
  });

  it('marks a schedule that a clock change of the coming year touches', async () => {
    listed = [schedule('night', { cronExpression: '30 2 * * *' })];
    const { wrapper: w } = await open();
    const tag = w.get('[data-schedule-id="night"] [data-testid="schedule-dst"]');
    expect(tag.text()).toBe('DST');
    expect(tag.attributes('aria-label')).toMatch(/go forward .* once at 03:00/);
  });

  it('filters by stream through the address (?stream=)', async () => {
    const { wrapper: w, router } = await open('/schedules?stream=st-2');
    expect(rows(w).map((r) => r.attributes('data-schedule-id'))).toEqual(['c']);
    await router.replace('/schedules');
    await flushPromises();
    expect(rows(w)).toHaveLength(3);
  });

  it('the switch pauses a schedule at once (isActive only) and says so', async () => {
    app.client.handle('schedules.update', (input) => ({
      ...listed[0]!,
      isActive: input.isActive as boolean,
      nextRunTime: null,
    }));
    const { wrapper: w } = await open();
    const row = () => w.get('[data-schedule-id="a"]');
    await row().get('[data-testid="schedule-active-switch"]').trigger('click');
    await flushPromises();
    expect(app.client.calls.find((c) => c.op === 'schedules.update')?.input).toEqual({
      id: 'a',
      isActive: false,
    });
    expect(row().attributes('data-active')).toBe('false');
    expect(row().get('[data-testid="schedule-next-run"]').text()).toBe('paused');
    expect(body().textContent).toContain('Paused: “Morning Show” records nothing');
  });

  it('a refused switch goes back and shows why', async () => {
    app.client.handle('schedules.update', () => {
      throw new ApiError('NOT_FOUND', 'Schedule a does not exist.');
    });
    const { wrapper: w } = await open();
    await w.get('[data-schedule-id="a"] [data-testid="schedule-active-switch"]').trigger('click');
    await flushPromises();
    expect(w.get('[data-schedule-id="a"]').attributes('data-active')).toBe('true');
    expect(body().textContent).toContain('Schedule a does not exist.');
  });

  it('deletes only after the confirmation', async () => {
    app.client.handle('schedules.delete', () => undefined);
    const { wrapper: w } = await open();
    await w.get('[data-schedule-id="b"] [data-testid="schedule-delete"]').trigger('click');
    await flushPromises();
    expect(body().textContent).toContain('Delete this schedule?');
    expect(app.client.calls.some((c) => c.op === 'schedules.delete')).toBe(false);
    const buttons = [...body().querySelectorAll('.n-dialog button')] as HTMLButtonElement[];
    buttons.find((b) => b.textContent?.includes('Delete schedule'))!.click();
    await flushPromises();
    expect(app.client.calls.find((c) => c.op === 'schedules.delete')?.input).toEqual({ id: 'b' });
    expect(rows(w).map((r) => r.attributes('data-schedule-id'))).toEqual(['c', 'a']);
  });

  it('adds a schedule: daily at a time, with its description, next runs and duration', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    app.client.handle('schedules.create', (input) =>
      schedule('new', { ...(input as Partial<ScheduleDto>) }),
    );
    const { wrapper: w } = await open('/schedules?stream=st-2');
    await w.get('[data-testid="add-schedule"]').trigger('click');
    await flushPromises();
    const q = (testid: string) => body().querySelector(`[data-testid="${testid}"]`);
    expect(q('schedule-editor')).not.toBeNull();
    (q('preset-daily')!.querySelector('input') as HTMLInputElement).click();
    const time = q('schedule-time')!.querySelector('input') as HTMLInputElement;
    time.value = '07:45';
    time.dispatchEvent(new Event('input'));
    const duration = q('schedule-duration')!.querySelector('input') as HTMLInputElement;
    duration.value = '45';
    duration.dispatchEvent(new Event('input'));
    await vi.advanceTimersByTimeAsync(300);
    await flushPromises();
    expect(q('cron-description')?.textContent).toBe('At 07:45, every day');
    expect(body().querySelectorAll('[data-testid="next-run"]')).toHaveLength(2);
    (q('schedule-save') as HTMLButtonElement).click();
    await flushPromises();
    expect(app.client.calls.find((c) => c.op === 'schedules.create')?.input).toMatchObject({
      streamId: 'st-2',
      cronExpression: '45 7 * * *',
      timezone: 'UTC',
      durationMinutes: 45,
    });
    const added = w.get('[data-schedule-id="new"]');
    expect(added.get('[data-testid="schedule-description"]').text()).toBe('At 07:45, every day');
    expect(added.find('[data-testid="schedule-next-run"]').exists()).toBe(true);
    expect(body().textContent).toContain('Schedule added: “Jazz Night”, At 07:45, every day.');
  });

  it('says what to do when there is nothing yet', async () => {
    listed = [];
    const { wrapper: w } = await open();
    expect(w.get('[data-testid="schedules-empty"]').text()).toContain('No schedules yet');
    expect(w.find('[data-testid="add-schedule-empty"]').exists()).toBe(true);
  });

  it('without streams it points to the streams page first', async () => {
    listed = [];
    streams = [];
    const { wrapper: w } = await open();
    expect(w.get('[data-testid="schedules-no-streams"]').text()).toContain('Go to Streams');
    // no schedule is offered before a stream exists
    expect(w.find('[data-testid="add-schedule"]').exists()).toBe(false);
  });
});
