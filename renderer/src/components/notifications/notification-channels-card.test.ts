// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { NotificationChannelDto } from '@contract/alerts';
import { EVERY_ALERT_EVENT } from '@contract/testing/alert-fixtures';
import { ApiError } from '../../api/api-error';
import {
  byTestId,
  click,
  lastButton,
  maybe,
  mountInProviders,
  pageTest,
  typeInto as type,
} from '../../testing/page';
import ChannelEditor from './ChannelEditor.vue';
import NotificationChannelsCard from './NotificationChannelsCard.vue';

const T = '2026-11-24T06:00:00.000Z';
const app = pageTest();
let rows: NotificationChannelDto[];

function phone(patch: Partial<NotificationChannelDto> = {}): NotificationChannelDto {
  return {
    id: 'n1',
    name: 'Phone',
    kind: 'ntfy',
    enabled: true,
    events: ['recording.failed', 'preflight.failed'],
    url: 'https://ntfy.sh/my-recorder',
    priority: null,
    hasToken: true,
    createdAt: T,
    updatedAt: T,
    ...patch,
  } as NotificationChannelDto;
}

function checked(event: string): boolean {
  return byTestId(`channel-event-${event}`).classList.contains('n-checkbox--checked');
}

beforeEach(() => {
  rows = [];
  app.client.handle('notificationChannels.list', () => ({ items: rows, total: rows.length }));
});

async function mountCard() {
  const wrapper = app.keep(mountInProviders(NotificationChannelsCard));
  await flushPromises();
  return wrapper;
}

describe('Settings → Notifications', () => {
  it('adds a webhook: events preset without recording.completed, secret sent once, never shown', async () => {
    app.client.handle('notificationChannels.create', (input) => {
      const created = {
        id: 'w1',
        name: input.name,
        kind: 'webhook',
        enabled: true,
        events: input.events,
        url: input.url,
        hasSecret: true,
        createdAt: T,
        updatedAt: T,
      } as NotificationChannelDto;
      rows = [created];
      return created;
    });
    const wrapper = await mountCard();
    expect(byTestId('channels-empty').textContent).toContain('No notification channels yet');

    await click('channel-add');
    expect(byTestId('channel-editor').textContent).toContain('Add a notification channel');
    expect(checked('recording.completed')).toBe(false);
    expect(checked('recording.failed')).toBe(true);
    expect(checked('preflight.failed')).toBe(true);
    await type('channel-name', 'Team hook');
    await type('channel-webhook-url', 'https://hooks.example.org/recorder');
    await type('channel-secret', 'short');
    expect(byTestId('channel-editor').textContent).toContain('at least 16 characters');
    await type('channel-secret', 'a secret of 16+ characters');
    byTestId('channel-event-recording.completed').click();
    await flushPromises();
    await click('channel-save');

    const create = app.client.calls.find((c) => c.op === 'notificationChannels.create');
    expect(create?.input).toEqual({
      name: 'Team hook',
      enabled: true,
      kind: 'webhook',
      url: 'https://hooks.example.org/recorder',
      secret: 'a secret of 16+ characters',
      // the preset events and recording.completed: every event, in the contract's order
      events: EVERY_ALERT_EVENT,
    });
    expect(wrapper.findComponent(ChannelEditor).props('target')).toBeNull();
    expect(byTestId('channel-row-name').textContent).toBe('Team hook');
    expect(byTestId('channel-row-events').textContent).toContain('Every event');
    expect(document.body.textContent).not.toContain('a secret of 16+ characters');
  });

  it('edits an ntfy channel: the stored token shows as "unchanged" and is kept; a refusal lands on its field', async () => {
    rows = [phone()];
    let refuse = true;
    app.client.handle('notificationChannels.update', (input) => {
      if (refuse) {
        refuse = false;
        throw new ApiError('VALIDATION_FAILED', 'url: the server refused the topic.', {
          field: 'url',
          status: 400,
        });
      }
      rows = [phone({ name: String(input.name), priority: input.priority as number })];
      return rows[0];
    });
    await mountCard();
    await click('channel-edit');
    const token = byTestId('channel-token').querySelector('input')!;
    expect(token.value).toBe('');
    expect(token.placeholder).toBe('unchanged');
    expect(byTestId<HTMLInputElement>('channel-ntfy-topic').querySelector('input')!.value).toBe(
      'my-recorder',
    );
    await type('channel-name', 'My phone');
    await click('channel-save');
    expect(byTestId('channel-editor').textContent).toContain('The server refused the topic.');
    // what was typed stays; the next save goes through
    await type('channel-ntfy-topic', 'other-topic');
    await click('channel-save');
    const update = app.client.calls.filter((c) => c.op === 'notificationChannels.update').at(-1);
    expect(update?.input).toMatchObject({
      id: 'n1',
      name: 'My phone',
      kind: 'ntfy',
      url: 'https://ntfy.sh/other-topic',
    });
    expect(update?.input).not.toHaveProperty('token');
    expect(byTestId('channel-row-name').textContent).toBe('My phone');
  });

  it('Test shows the receiver’s answer, or the error in plain words with the raw text behind Details', async () => {
    rows = [phone()];
    let answer: unknown = { ok: true, answer: 'HTTP 200' };
    app.client.handle('notificationChannels.test', () => answer);
    await mountCard();

    await click('channel-test');
    expect(byTestId('channel-test-result').dataset.ok).toBe('true');
    expect(byTestId('channel-test-answer').textContent).toContain('HTTP 200');

    answer = {
      ok: false,
      error: 'Could not reach ntfy at ntfy.sh: the connection was refused (is it running?).',
      details: 'TypeError: fetch failed ← ECONNREFUSED: connect ECONNREFUSED 192.0.2.1:443',
    };
    await click('channel-test');
    expect(byTestId('channel-test-result').dataset.ok).toBe('false');
    expect(byTestId('channel-test-error').textContent).toContain('the connection was refused');
    expect(maybe('channel-test-details')).toBeNull();
    await click('channel-test-details-toggle');
    expect(byTestId('channel-test-details').textContent).toContain('ECONNREFUSED 192.0.2.1:443');
    await click('channel-test-details-toggle');
    expect(maybe('channel-test-details')).toBeNull();
  });

  it('deletes only after confirming', async () => {
    rows = [phone()];
    app.client.handle('notificationChannels.delete', () => {
      rows = [];
      return undefined;
    });
    await mountCard();
    await click('channel-delete');
    expect(document.body.textContent).toContain('Delete “Phone”?');
    lastButton('Cancel').click();
    await flushPromises();
    expect(app.client.calls.some((c) => c.op === 'notificationChannels.delete')).toBe(false);

    await click('channel-delete');
    lastButton('Delete').click();
    await flushPromises();
    expect(app.client.calls.find((c) => c.op === 'notificationChannels.delete')?.input).toEqual({
      id: 'n1',
    });
    expect(maybe('channel-row')).toBeNull();
  });

  it('an e-mail channel: SMTP fields, the port its security usually uses, recipients as text', async () => {
    app.client.handle('notificationChannels.create', (input) => ({
      ...phone(),
      ...input,
      id: 'e1',
      kind: 'email',
      to: String(input.to).split(/[,;] */),
    }));
    await mountCard();
    await click('channel-add');
    await click('channel-kind-email');
    expect(byTestId('channel-port').querySelector('input')!.placeholder).toBe('587');
    await click('channel-security-tls');
    expect(byTestId('channel-port').querySelector('input')!.placeholder).toBe('465');
    await type('channel-name', 'Mail');
    await type('channel-host', 'smtp.example.org');
    await type('channel-username', 'rec');
    await type('channel-password', 'smtp secret');
    await type('channel-from', 'rec@example.org');
    await type('channel-to', 'me@example.org; you@example.org');
    await click('channel-save');
    expect(
      app.client.calls.find((c) => c.op === 'notificationChannels.create')?.input,
    ).toMatchObject({
      kind: 'email',
      host: 'smtp.example.org',
      security: 'tls',
      username: 'rec',
      password: 'smtp secret',
      from: 'rec@example.org',
      to: 'me@example.org; you@example.org',
    });
    expect(byTestId('channel-row').textContent).toContain(
      'me@example.org, you@example.org through smtp.example.org',
    );
  });
});
