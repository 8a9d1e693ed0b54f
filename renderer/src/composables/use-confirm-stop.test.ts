// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { h } from 'vue';
import { ApiError } from '../api/api-error';
import InProgressItem from '../components/InProgressItem.vue';
import { click, lastButton, mountInProviders, pageTest } from '../testing/page';
import { completedSession } from '../testing/sessions';

const app = pageTest();

function open() {
  const session = completedSession('rec-1', { status: 'RECORDING', endTime: null });
  app.keep(
    mountInProviders(() => h(InProgressItem, { session, streamName: 'Jazz Night' }), [app.pinia]),
  );
}

describe('asking before a recording is stopped (the dashboard item)', () => {
  it('stops only after "Stop recording", and says so', async () => {
    app.client.handle('sessions.stop', () => completedSession('rec-1', { status: 'PROCESSING' }));
    open();
    await click('stop-recording');
    expect(document.body.textContent).toContain('Stop this recording?');
    expect(document.body.textContent).toContain('“Jazz Night” stops recording now.');
    expect(app.client.calls.some((c) => c.op === 'sessions.stop')).toBe(false);
    lastButton('Stop recording').click();
    await flushPromises();
    expect(app.client.calls.find((c) => c.op === 'sessions.stop')?.input).toEqual({ id: 'rec-1' });
    expect(document.body.textContent).toContain('Stopped recording “Jazz Night”.');
  });

  it('says why a stop was refused', async () => {
    app.client.handle('sessions.stop', () => {
      throw new ApiError('CONFLICT', 'The recording already ended.');
    });
    open();
    await click('stop-recording');
    lastButton('Stop recording').click();
    await flushPromises();
    expect(document.body.textContent).toContain('The recording already ended.');
  });
});
