import { afterEach, describe, expect, it } from 'vitest';
import { Database } from './database';
import type { NotificationChannelRecord } from './records';
import { createRepositories } from './repositories';

const dbs: Database[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) await db.close();
});

const webhook: NotificationChannelRecord = {
  id: 'c1',
  name: 'Ops hook',
  kind: 'webhook',
  enabled: true,
  events: ['recording.failed', 'disk.low'],
  config: { kind: 'webhook', url: 'https://hooks.example/recorder' },
  secretFile: '/config/keys/channel-c1.secret',
  createdAt: '2026-11-24T06:00:00.000Z',
  updatedAt: '2026-11-24T06:00:00.000Z',
};

describe('ChannelRepository', () => {
  it('stores, reads (events and config as JSON), updates and removes channels', async () => {
    const db = await Database.open({ path: ':memory:' });
    dbs.push(db);
    const { channels } = createRepositories(db);
    await channels.insert(webhook);
    expect(await channels.get('c1')).toEqual(webhook);
    const changed = { ...webhook, enabled: false, events: [] };
    expect(await channels.update(changed)).toBe(true);
    expect(await channels.all()).toEqual([changed]);
    expect(await channels.update({ ...webhook, id: 'nope' })).toBe(false);
    await channels.remove('c1');
    expect(await channels.get('c1')).toBeNull();
  });
});
