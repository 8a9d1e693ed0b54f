import { readdirSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { NotificationChannelDto } from '../../contract/alerts';
import { keysDir } from './key-store';
import { notificationChannelOperations } from './notification-channels';
import { buildAlert } from '../../contract/alerts';
import { EVENTS_OF_A_NEW_CHANNEL } from '../../contract/testing/alert-fixtures';
import {
  testContextEachTest,
  expectEachRefused,
  expectRefused,
  type TestContext,
} from './resource-test-context';

const SECRET = 'a-webhook-secret-of-32-characters';
const webhook = {
  name: 'Ops hook',
  kind: 'webhook',
  url: 'https://hooks.example/recorder',
  secret: SECRET,
} as const;
const email = {
  name: 'Mail',
  kind: 'email',
  host: 'smtp.example.com',
  security: 'starttls',
  username: 'rec',
  password: 'smtp password',
  from: 'recorder@example.com',
  to: 'a@example.com; b@example.com',
} as const;

let t: TestContext;
testContextEachTest(notificationChannelOperations, (context) => (t = context));

const create = async (input: Record<string, unknown>) =>
  (await t.invoke('notificationChannels.create', input)) as NotificationChannelDto;

const refused = (name: string, input: unknown, code: string, field?: string) =>
  expectRefused(t, name, input, code, field);

/** Every stored file of the test folder and the database rows, as text: a secret in them leaked. */
async function everythingStoredBut(secretFiles: boolean): Promise<string> {
  const rows = await t.db.reader.query('SELECT * FROM "notification_channels"');
  const logs = JSON.stringify(t.logs);
  const files = secretFiles
    ? ''
    : readdirSync(t.dir, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && !e.name.endsWith('.secret'))
        .map((e) => readFileSync(`${e.parentPath}/${e.name}`, 'latin1'))
        .join('\n');
  return JSON.stringify(rows) + logs + files;
}

describe('notification channel operations', () => {
  it('creates a webhook: the secret in a 0600 file under CONFIG_DIR/keys, never answered, logged or in the database', async () => {
    const created = await create({ ...webhook });
    expect(created).toMatchObject({
      kind: 'webhook',
      url: webhook.url,
      hasSecret: true,
      enabled: true,
      events: EVENTS_OF_A_NEW_CHANNEL,
    });
    expect(JSON.stringify(created)).not.toContain(SECRET);
    const file = `${keysDir(t.ctx.settings.configDir)}/channel-${created.id}.secret`;
    expect(readFileSync(file, 'utf8')).toBe(SECRET);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await everythingStoredBut(false)).not.toContain(SECRET);
    expect(await t.invoke('notificationChannels.get', { id: created.id })).toEqual(created);
    expect(await t.invoke('notificationChannels.list', {})).toEqual({ items: [created], total: 1 });
  });

  it('creates an e-mail channel with the usual port of its security and its recipients as a list', async () => {
    const created = await create({ ...email });
    expect(created).toMatchObject({
      kind: 'email',
      port: 587,
      username: 'rec',
      hasPassword: true,
      to: ['a@example.com', 'b@example.com'],
    });
    expect(JSON.stringify(created)).not.toContain('smtp password');
  });

  it('refuses bad input naming the field, and changes nothing', async () => {
    await expectEachRefused(t, 'notificationChannels.create', 'VALIDATION_FAILED', [
      [{ ...webhook, secret: 'short' }, 'secret'],
      [{ ...webhook, url: 'file:///etc/passwd' }, 'url'],
      [{ ...webhook, kind: 'pager' }, 'kind'],
      [{ ...webhook, events: ['recording.exploded'] }, 'events.0'],
      [{ ...email, to: 'not-an-address' }, 'to.0'],
      [{ ...webhook, name: '' }, 'name'],
    ]);
  });

  it('updates: an omitted secret is kept, a new one replaces the file, null removes a password', async () => {
    const created = await create({ ...webhook });
    const { secret: _omitted, ...withoutSecret } = webhook;
    const renamed = (await t.invoke('notificationChannels.update', {
      ...withoutSecret,
      id: created.id,
      name: 'Renamed',
      events: ['disk.low'],
      enabled: false,
    })) as NotificationChannelDto;
    expect(renamed).toMatchObject({
      name: 'Renamed',
      hasSecret: true,
      enabled: false,
      events: ['disk.low'],
    });
    const file = `${keysDir(t.ctx.settings.configDir)}/channel-${created.id}.secret`;
    expect(readFileSync(file, 'utf8')).toBe(SECRET);
    await t.invoke('notificationChannels.update', {
      ...webhook,
      id: created.id,
      secret: 'x'.repeat(20),
    });
    expect(readFileSync(file, 'utf8')).toBe('x'.repeat(20));

    const mail = await create({ ...email });
    const cleared = (await t.invoke('notificationChannels.update', {
      ...email,
      id: mail.id,
      password: null,
    })) as NotificationChannelDto;
    expect(cleared).toMatchObject({ kind: 'email', hasPassword: false });
    expect(readdirSync(keysDir(t.ctx.settings.configDir)).sort()).toEqual([
      `channel-${created.id}.secret`,
    ]);
  });

  it('refuses a change to webhook without its secret, and an unknown id', async () => {
    const mail = await create({ ...email });
    const { secret: _omitted, ...withoutSecret } = webhook;
    await refused(
      'notificationChannels.update',
      { ...withoutSecret, id: mail.id },
      'VALIDATION_FAILED',
      'secret',
    );
    await refused('notificationChannels.update', { ...webhook, id: 'nope' }, 'NOT_FOUND', 'id');
    await refused('notificationChannels.delete', { id: 'nope' }, 'NOT_FOUND', 'id');
    await refused('notificationChannels.test', { id: 'nope' }, 'NOT_FOUND', 'id');
  });

  it('deletes a channel and its secret file', async () => {
    const created = await create({ ...webhook });
    await t.invoke('notificationChannels.delete', { id: created.id });
    expect(await t.invoke('notificationChannels.list', {})).toEqual({ items: [], total: 0 });
    expect(readdirSync(keysDir(t.ctx.settings.configDir))).toEqual([]);
  });

  it('tests a channel: sends a test alert with its secret now and answers what the receiver said', async () => {
    const created = await create({ ...webhook });
    expect(await t.invoke('notificationChannels.test', { id: created.id })).toEqual({
      ok: true,
      answer: 'HTTP 200',
    });
    expect(t.alertsSent).toHaveLength(1);
    expect(t.alertsSent[0]!.channel).toMatchObject({ kind: 'webhook', secret: SECRET });
    expect(t.alertsSent[0]!.payload.message).toMatch(/^Test alert .*"Ops hook" works/);
    t.alertReceiver.refuse = 'The receiver answered HTTP 401 Unauthorized.';
    expect(await t.invoke('notificationChannels.test', { id: created.id })).toEqual({
      ok: false,
      error: 'The receiver answered HTTP 401 Unauthorized.',
    });
  });

  it('alerts.recent: the alerts raised lately, newest first, whichever channels took them', async () => {
    expect(await t.invoke('alerts.recent', {})).toEqual({ items: [], total: 0 });
    const raised = buildAlert({
      event: 'preflight.failed',
      at: t.ctx.clock.now(),
      timeZone: 'UTC',
      stream: { id: 's1', name: 'Morning Show' },
      problems: ['the stream answers 404'],
    });
    await t.ctx.alerts.notify(raised);
    expect(await t.invoke('alerts.recent', {})).toEqual({ items: [raised], total: 1 });
  });
});
