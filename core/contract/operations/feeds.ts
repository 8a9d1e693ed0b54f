import { z } from 'zod';
import { operationAt } from '../operation';

/** One podcast feed: a stream's (`streamId`), or the one of every enabled stream (null). */
export const feedDtoSchema = z.strictObject({
  streamId: z.string().nullable(),
  title: z.string(),
  /**
   * The feed's address: absolute under PUBLIC_URL when it is set, else the path
   * (`/feeds/<token>/<streamId>.xml`) on the server that answered.
   */
  url: z.string(),
});
export type FeedDto = z.output<typeof feedDtoSchema>;

export const feedListDtoSchema = z.strictObject({
  items: z.array(feedDtoSchema),
  total: z.number().int().nonnegative(),
  /**
   * The iCalendar feed of upcoming runs under the same token (`/feeds/<token>/schedule.ics`),
   * absolute or a path like the feeds' URLs.
   */
  scheduleUrl: z.string(),
});
export type FeedListDto = z.output<typeof feedListDtoSchema>;

export const listFeeds = operationAt('GET /api/feeds', 'feeds.list', {
  input: z.object({}),
  output: feedListDtoSchema,
  summary:
    'The podcast feeds: one per stream whose podcast is enabled (by name), then the one of them all (streamId null), and `scheduleUrl`, the iCalendar feed of upcoming runs. Their URLs carry the feed token.',
});

export const regenerateFeedToken = operationAt('POST /api/feeds/token', 'feeds.regenerateToken', {
  input: z.object({}),
  output: feedListDtoSchema,
  summary:
    'Makes a new feed token: every old feed and episode URL stops working at once. Answers the feeds with their new URLs.',
});

export const feedOperationSpecs = [listFeeds, regenerateFeedToken] as const;
