// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { destinationDto } from '@contract/testing/destination-fixtures';
import { scheduleDto } from '@contract/testing/schedule-fixtures';
import { streamDto } from '@contract/testing/stream-fixtures';
import type { DestinationDto, ScheduleDto, StreamDto } from '@contract/operations';
import { useSessionsStore } from '../../stores/sessions';
import { byTestId, maybe, pageTest } from '../../testing/page';
import { mountPage } from '../schedule-editor/test-mount';
import FirstRunCard from './FirstRunCard.vue';

const app = pageTest();
let streams: StreamDto[];
let schedules: ScheduleDto[];
let destinations: DestinationDto[];

beforeEach(() => {
  streams = [];
  schedules = [];
  destinations = [];
  app.client.list('streams.list', () => streams);
  app.client.list('schedules.list', () => schedules);
  app.client.list('destinations.list', () => destinations);
  useSessionsStore().loaded = true;
});

async function mountCard() {
  const page = app.keep(await mountPage(FirstRunCard, '/', app.pinia));
  await flushPromises();
  return page;
}

const doneOf = (id: string) => byTestId(`first-run-step-${id}`).getAttribute('data-done');

describe('FirstRunCard', () => {
  it('on an empty install lists the four steps; only "Add a stream" and "Add a destination" are offered', async () => {
    await mountCard();
    expect(byTestId('first-run-card').textContent).toContain('0 of 4 done');
    expect(
      [...document.querySelectorAll('[data-testid^="first-run-step-"]')].map((e) =>
        e.getAttribute('data-testid'),
      ),
    ).toEqual([
      'first-run-step-stream',
      'first-run-step-test',
      'first-run-step-record',
      'first-run-step-destination',
    ]);
    expect(maybe('first-run-add-stream')?.className).toContain('n-button--primary-type');
    expect(maybe('first-run-add-destination')).not.toBeNull();
    // no schedule, no test, no recording before a stream exists
    expect(maybe('first-run-schedule')).toBeNull();
    expect(maybe('first-run-test')).toBeNull();
    expect(maybe('first-run-record')).toBeNull();
  });

  it('opens the stream editor right there', async () => {
    await mountCard();
    byTestId('first-run-add-stream').click();
    await vi.waitFor(() => expect(maybe('stream-editor')).not.toBeNull(), { timeout: 30_000 });
  }, 60_000);

  it('ticks off what exists; a stream tested in this browser counts as tested', async () => {
    streams = [streamDto('st-1', { name: 'Morning Show', streamUrl: 'http://radio.test/live' })];
    destinations = [destinationDto({ id: 'd-1' })];
    await mountCard();
    expect(doneOf('stream')).toBe('true');
    expect(doneOf('destination')).toBe('true');
    expect(doneOf('test')).toBe('false');
    expect(byTestId('first-run-test').textContent).toContain('Test “Morning Show”');
    expect(maybe('first-run-record')).not.toBeNull();
    expect(maybe('first-run-schedule')).not.toBeNull();
    expect(byTestId('first-run-card').textContent).toContain('2 of 4 done');
  });

  it('is gone once every step is done', async () => {
    const url = 'http://radio.test/live';
    localStorage.setItem('asr.testedStreamUrls', JSON.stringify([url]));
    streams = [streamDto('st-1', { streamUrl: url })];
    schedules = [scheduleDto('sc-1')];
    destinations = [destinationDto({ id: 'd-1' })];
    try {
      await mountCard();
      expect(maybe('first-run-card')).toBeNull();
    } finally {
      localStorage.removeItem('asr.testedStreamUrls');
    }
  });
});
