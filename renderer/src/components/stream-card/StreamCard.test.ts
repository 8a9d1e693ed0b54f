// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { h } from 'vue';
import { scheduleDto } from '@contract/testing/schedule-fixtures';
import { sessionDto } from '@contract/testing/session-fixtures';
import { streamDto } from '@contract/testing/stream-fixtures';
import { useSchedulesStore } from '../../stores/schedules';
import { useSessionsStore } from '../../stores/sessions';
import { byTestId, pageTest } from '../../testing/page';
import { mountPage } from '../schedule-editor/test-mount';
import StreamCard from './StreamCard.vue';

const app = pageTest();

describe('StreamCard', () => {
  it('shows next run (with its day), last result and delivery health, and asks for Schedule… and Record now', async () => {
    app.client.list('destinations.list', () => []);
    const stream = streamDto('st-1', { name: 'Morning Show', destinationId: 'd-1' });
    const schedules = useSchedulesStore();
    schedules.items = [
      scheduleDto('sc-1', { name: 'Breakfast', nextRunTime: '2030-01-07T06:00:00.000Z' }),
    ];
    const sessions = useSessionsStore();
    sessions.apply(
      sessionDto({
        id: 'done',
        streamId: 'st-1',
        status: 'COMPLETED',
        transferStatus: 'FAILED',
        startTime: '2026-12-01T06:00:00.000Z',
      }),
    );
    const asked: string[] = [];
    const view = () =>
      h(StreamCard, {
        stream,
        active: null,
        onEdit: () => asked.push('edit'),
        onSchedule: () => asked.push('schedule'),
        onRecord: () => asked.push('record'),
      });
    app.keep(await mountPage(view, '/', app.pinia));
    await flushPromises();
    const next = byTestId('stream-next-run');
    expect(next.textContent).toContain('2030');
    expect(next.textContent).toContain('Breakfast');
    expect(byTestId('stream-last-result').textContent).toContain('Recorded');
    const delivery = byTestId('stream-delivery');
    expect(delivery.getAttribute('data-health')).toBe('failed');
    expect(delivery.textContent).toContain('failed');
    byTestId('schedule-stream').click();
    byTestId('record-now').click();
    byTestId('edit-stream').click();
    expect(asked).toEqual(['schedule', 'record', 'edit']);
  });
});
