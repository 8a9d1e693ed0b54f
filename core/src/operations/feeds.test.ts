import { describe, expect, it } from 'vitest';
import type { FeedListDto } from '../../contract/operations/feeds';
import { NO_PODCAST } from '../../contract/podcast';
import { seedStream } from '../pipeline/test-fixtures';
import { feedOperations } from './feeds';
import { testContextEachTest, type TestContext } from './resource-test-context';

let t: TestContext;
testContextEachTest(feedOperations, (context) => (t = context));

describe('feeds.list and feeds.regenerateToken', () => {
  it('lists each enabled stream’s feed and the feed of all; a new token changes every URL', async () => {
    await seedStream(t.db, { id: 'b', name: 'Beta', podcast: { ...NO_PODCAST, enabled: true } });
    await seedStream(t.db, { id: 'a', name: 'Alpha', podcast: { ...NO_PODCAST, enabled: true } });
    await seedStream(t.db, { id: 'c', name: 'Off' });
    const before = (await t.invoke('feeds.list', {})) as FeedListDto;
    expect(before.items.map((f) => [f.streamId, f.title])).toEqual([
      ['a', 'Alpha'],
      ['b', 'Beta'],
      [null, 'All recordings'],
    ]);
    const [, , token] = before.items[0]!.url.split('/');
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(before.items.map((f) => f.url)).toEqual([
      `/feeds/${token}/a.xml`,
      `/feeds/${token}/b.xml`,
      `/feeds/${token}/all.xml`,
    ]);
    expect(before.scheduleUrl).toBe(`/feeds/${token}/schedule.ics`);
    expect(((await t.invoke('feeds.list', {})) as FeedListDto).items).toEqual(before.items);

    const after = (await t.invoke('feeds.regenerateToken', {})) as FeedListDto;
    const [, , fresh] = after.items[0]!.url.split('/');
    expect(fresh).not.toBe(token);
    expect(after.total).toBe(3);
    expect(after.scheduleUrl).toBe(`/feeds/${fresh}/schedule.ics`);
    expect(await t.ctx.feeds.accepts(token!)).toBe(false);
    expect(await t.ctx.feeds.accepts(fresh!)).toBe(true);
  });
});
