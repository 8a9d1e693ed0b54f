// @vitest-environment happy-dom
import { DOMWrapper, flushPromises } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import type { StreamDto } from '@contract/operations';
import { mountInProviders, pageTest } from '../../testing/page';
import { expectRealPlaceholders } from '../../testing/placeholders';
import { answerPreviews } from './test-mount';
import ScheduleEditor from './ScheduleEditor.vue';
import { scheduleDto } from '@contract/testing/schedule-fixtures';
import { useSchedulesStore } from '../../stores/schedules';

// the user's zone, whatever the machine's
vi.mock('../../cron/time-zones', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../cron/time-zones')>()),
  browserTimeZone: () => 'UTC',
}));

function stream(id: string, name: string): StreamDto {
  return { id, name } as StreamDto;
}

const existing = scheduleDto('sch-1');

const app = pageTest();

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  app.client.list('streams.list', () => [
    stream('st-1', 'Morning Show'),
    stream('st-2', 'Jazz Night'),
  ]);
  answerPreviews(app.client, ['2026-11-24T21:30:00.000Z', '2026-11-25T21:30:00.000Z']);
});

afterEach(() => {
  vi.useRealTimers();
});

/**
 * Opens the editor's drawer: the page (where the drawer is teleported to) to look into, and what
 * the editor emitted.
 */
function open(props: Record<string, unknown> = {}) {
  const Host = () => h(ScheduleEditor, { show: true, ...props });
  const wrapper = app.keep(mountInProviders(Host, [app.pinia]));
  const editor = wrapper.findComponent(ScheduleEditor);
  return Object.assign(new DOMWrapper(document.body), {
    emitted: (event: string) => editor.emitted(event),
  });
}
type Editor = ReturnType<typeof open>;

/** Lets the preview's debounce run out and its answer arrive. */
async function settle() {
  await flushPromises();
  await vi.advanceTimersByTimeAsync(300);
  await flushPromises();
}

/** The feedback text under the form field that holds `testid`. */
function feedbackOf(w: Editor, testid: string): string {
  const item = w.get(`[data-testid="${testid}"]`).element.closest('.n-form-item');
  return item?.querySelector('.n-form-item-feedback-wrapper')?.textContent?.trim() ?? '';
}

const previews = () => app.client.calls.filter((c) => c.op === 'cron.preview').map((c) => c.input);

describe('ScheduleEditor', () => {
  it('says in each field what goes in it (no library "Please Input")', async () => {
    const page = open();
    await flushPromises();
    const root = page.get('[data-testid="schedule-editor"]').element;
    expectRealPlaceholders(root);
  });

  it('"weekdays at 06:30" is 30 6 * * 1-5, described in words, previewed once after typing', async () => {
    const w = open();
    await settle();
    // the default: daily at 06:00
    expect(w.get('[data-testid="cron-expression"]').text()).toBe('0 6 * * *');
    // the inputs have names for screen readers
    expect(w.get('[data-testid="schedule-time"] input').attributes('aria-label')).toMatch(/HH:MM/);
    expect(w.get('[data-testid="schedule-stream"] input').attributes('aria-label')).toBe('Stream');
    expect(w.get('[data-testid="schedule-duration"] input').attributes('aria-label')).toBe(
      'Duration in minutes',
    );

    await w.get('[data-testid="preset-weekdays"] input').setValue(true);
    const time = w.get('[data-testid="schedule-time"] input');
    await time.setValue('06:3');
    await time.setValue('06:30');
    await settle();

    expect(w.get('[data-testid="cron-expression"]').text()).toBe('30 6 * * 1-5');
    expect(w.get('[data-testid="cron-description"]').text()).toBe(
      'At 06:30, Monday through Friday',
    );
    // once for the opening state, once after the typing stopped (not per keystroke)
    expect(previews().map((p) => p.expression)).toEqual(['0 6 * * *', '30 6 * * 1-5']);
  });

  it('saves a new schedule with what was chosen, and says so', async () => {
    app.client.handle('schedules.create', (input) => ({ ...existing, ...input, id: 'new' }));
    const w = open({ initialStreamId: 'st-2' });
    await settle();
    await w.get('[data-testid="preset-weekly"] input').setValue(true);
    await w.get('[data-testid="schedule-time"] input').setValue('18:05');
    await w.get('[data-testid="schedule-duration"] input').setValue('90');
    await settle();
    expect(w.get('[data-testid="cron-description"]').text()).toBe('At 18:05, only on Monday');
    await w.get('[data-testid="schedule-form"]').trigger('submit');
    await flushPromises();
    const create = app.client.calls.find((c) => c.op === 'schedules.create');
    expect(create?.input).toMatchObject({
      streamId: 'st-2',
      cronExpression: '5 18 * * 1',
      durationMinutes: 90,
      isActive: true,
      maxRetries: 3,
    });
    expect(w.emitted('saved')?.[0]?.[1]).toBe(true);
  });

  it('shows the next runs in the schedule zone, and in the user zone when it differs', async () => {
    const w = open({ schedule: existing });
    await settle();
    expect(previews()).toEqual([{ expression: '30 6 * * *', timezone: 'Asia/Tokyo', count: 5 }]);
    expect(w.get('[data-testid="preset-daily"] input').element).toHaveProperty('checked', true);
    const runs = w.findAll('[data-testid="next-run"]');
    expect(runs).toHaveLength(2);
    // 2026-11-24T21:30Z is Wednesday 06:30 in Tokyo, Tuesday 21:30 for the user (UTC)
    expect(runs[0]!.text()).toMatch(/Wed.*25.*06:30/);
    expect(runs[0]!.get('[data-testid="next-run-local"]').text()).toMatch(
      /Tue.*24.*(09:30\sPM|21:30) .*your time/,
    );
    expect(w.get('[data-testid="next-runs"]').text()).toContain('in Asia/Tokyo');
    expect(w.find('[data-testid="dst-warning"]').exists()).toBe(false);
  });

  it('warns about both clock changes of the coming year for 02:30 in Europe/Berlin', async () => {
    const w = open({
      schedule: { ...existing, cronExpression: '30 2 * * *', timezone: 'Europe/Berlin' },
    });
    await settle();
    const warnings = w.findAll('[data-testid="dst-warning"]').map((x) => x.text());
    expect(warnings).toHaveLength(2);
    expect(warnings.join('\n')).toMatch(/go forward from 02:00 to 03:00.*once at 03:00/);
    expect(warnings.join('\n')).toMatch(/go back from 03:00 to 02:00.*once, on the first pass/);
  });

  it('a 400 of the server on the cron expression shows under the cron field; the text stays', async () => {
    app.client.refuse(
      'schedules.create',
      'The cron expression "0 6 * * mon-" is not valid.',
      'cronExpression',
    );
    const w = open({ initialStreamId: 'st-1' });
    await settle();
    await w.get('[data-testid="preset-custom"] input').setValue(true);
    expect((w.get('[data-testid="schedule-cron"] input').element as HTMLInputElement).value).toBe(
      '0 6 * * *',
    );
    await w.get('[data-testid="schedule-cron"] input').setValue('0 6 * * mon-');
    await settle();
    await w.get('[data-testid="schedule-form"]').trigger('submit');
    await flushPromises();

    expect(feedbackOf(w, 'schedule-cron')).toBe('The cron expression "0 6 * * mon-" is not valid.');
    expect(feedbackOf(w, 'schedule-duration')).not.toContain('cron');
    expect((w.get('[data-testid="schedule-cron"] input').element as HTMLInputElement).value).toBe(
      '0 6 * * mon-',
    );
    expect(w.emitted('saved')).toBeUndefined();
    // a change of the expression takes the server's verdict back
    await w.get('[data-testid="schedule-cron"] input').setValue('0 6 * * *');
    expect(feedbackOf(w, 'schedule-cron')).toBe('');
  });

  it("the preview's 400 names the expression: it shows under the cron field, with no runs", async () => {
    app.client.refuse(
      'cron.preview',
      'The cron expression "61 * * * *" is not valid.',
      'expression',
    );
    const w = open({ schedule: { ...existing, cronExpression: '61 * * * *' } });
    await settle();
    expect(feedbackOf(w, 'schedule-cron')).toMatch(/is not valid/);
    expect(w.findAll('[data-testid="next-run"]')).toHaveLength(0);
    expect(w.find('[data-testid="cron-description"]').exists()).toBe(false);
  });

  it('checks as you type with the contract rules and does not send a bad form', async () => {
    const w = open({ initialStreamId: 'st-1' });
    await settle();
    await w.get('[data-testid="schedule-duration"] input').setValue('1441');
    expect(feedbackOf(w, 'schedule-duration')).toBe('Must be a whole number from 1 to 1440.');
    await w.get('[data-testid="schedule-form"]').trigger('submit');
    await flushPromises();
    expect(app.client.calls.some((c) => c.op === 'schedules.create')).toBe(false);
    expect(w.get('[data-testid="schedule-form-error"]').text()).toMatch(
      /Some fields need attention/,
    );
    await w.get('[data-testid="schedule-duration"] input').setValue('90');
    expect(feedbackOf(w, 'schedule-duration')).toBe('Records 1 h 30 min: 06:00 to 07:30.');
    expect(w.find('[data-testid="schedule-form-error"]').exists()).toBe(false);
  });

  it('an edit sends only what changed', async () => {
    app.client.handle('schedules.update', (input) => ({ ...existing, ...input }));
    const w = open({ schedule: existing });
    await settle();
    await w.get('[data-testid="schedule-time"] input').setValue('07:15');
    await w.get('[data-testid="schedule-form"]').trigger('submit');
    await flushPromises();
    expect(app.client.calls.find((c) => c.op === 'schedules.update')?.input).toEqual({
      id: 'sch-1',
      cronExpression: '15 7 * * *',
    });
    expect(w.emitted('saved')?.[0]?.[1]).toBe(false);
  });
});

describe('ScheduleEditor: other schedules of the stream', () => {
  it('warns (the contract rule) when the runs overlap another active schedule of the same stream, naming it', async () => {
    // runs within the coming week (the rule looks that far), on whole minutes
    const day = 86_400_000;
    const soon = Math.ceil((Date.now() + day) / 60_000) * 60_000;
    const runs = [soon, soon + day].map((t) => new Date(t).toISOString());
    answerPreviews(app.client, runs);
    useSchedulesStore().items = [
      scheduleDto('other', { streamId: 'st-1', name: 'Breakfast', cronExpression: '0 6 * * *' }),
      scheduleDto('elsewhere', { streamId: 'st-2', name: 'Jazz' }),
    ];
    const w = open({ initialStreamId: 'st-1' });
    await settle();
    await settle();
    const warning = w.get('[data-testid="schedule-overlap-warning"]').text();
    expect(warning).toContain('“Breakfast”');
    expect(warning).toMatch(/first on (Today|Tomorrow|\w{3}, \d+ \w{3},) \d\d:\d\d/);
    expect(w.find('[data-testid="schedule-overlap-warning"]').text()).not.toContain('Jazz');
  });

  it('has a name field and says what "Start early" and "Go on after" do', async () => {
    const w = open({ initialStreamId: 'st-1' });
    await settle();
    expect(w.find('[data-testid="schedule-name-input"]').exists()).toBe(true);
    expect(feedbackOf(w, 'schedule-pad-before')).toContain('before the time');
    expect(feedbackOf(w, 'schedule-pad-after')).toContain('past the end');
    expect(w.find('[data-testid="schedule-overlap-warning"]').exists()).toBe(false);
  });
});
