import { listFeeds, regenerateFeedToken, type FeedListDto } from '../../contract/operations/feeds';
import type { OperationContext } from './context';
import { implement } from './operation-table';

/** What the feed operations use. */
export type FeedOpsContext = Pick<OperationContext, 'feeds' | 'settings' | 'logger'>;

/** Where the listed URLs start: PUBLIC_URL when set (absolute), else the path alone. */
function originOf(ctx: FeedOpsContext): string {
  return (ctx.settings.publicUrl ?? '').replace(/\/+$/, '');
}

async function feedList(ctx: FeedOpsContext): Promise<FeedListDto> {
  const origin = originOf(ctx);
  const items = await ctx.feeds.list(origin);
  return { items, total: items.length, scheduleUrl: await ctx.feeds.scheduleUrl(origin) };
}

export const feedOperations = [
  implement(listFeeds, async (_input, ctx: FeedOpsContext) => feedList(ctx)),
  implement(regenerateFeedToken, async (_input, ctx: FeedOpsContext) => {
    await ctx.feeds.regenerateToken();
    ctx.logger.info(
      'A new feed token was made: the old feed, episode and calendar URLs no longer work.',
    );
    return feedList(ctx);
  }),
];
