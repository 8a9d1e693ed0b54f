import { z } from 'zod';
import { optionalText } from './operations/common';

// Podcast feeds (issue 14): a stream may publish its recordings as a podcast. Pure: the stream
// schema (create, update, restore), the feed builder and the stream editor take the rule from here.

/** How many of a stream's latest recordings its feed lists (and keeps locally), by default. */
export const DEFAULT_KEEP_EPISODES = 20;
export const MAX_KEEP_EPISODES = 1000;

/**
 * Apple's top-level podcast categories: `category` is one of them (the feed's
 * `itunes:category`; podcast apps reject other names).
 */
export const PODCAST_CATEGORIES = [
  'Arts',
  'Business',
  'Comedy',
  'Education',
  'Fiction',
  'Government',
  'Health & Fitness',
  'History',
  'Kids & Family',
  'Leisure',
  'Music',
  'News',
  'Religion & Spirituality',
  'Science',
  'Society & Culture',
  'Sports',
  'Technology',
  'True Crime',
  'TV & Film',
] as const;

/** A language tag as RSS and Apple take it: `en`, `de-AT`. */
const LANGUAGE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/**
 * The stream's `podcast`: whether it has a feed, and the feed's texts (blank: taken from the
 * stream — title from its name, author from its artist). `keepEpisodes` recordings are listed
 * and kept locally even when CLEANUP_AFTER_TRANSFER is on.
 */
export const podcastSchema = z.object(
  {
    enabled: z.boolean({ error: 'must be true or false' }),
    title: optionalText(200),
    description: z
      .string({ error: 'must be text or null' })
      .trim()
      .max(4000, 'must be at most 4000 characters')
      .nullish()
      .transform((value) => (value ? value : null)),
    author: optionalText(200),
    category: z
      .enum(PODCAST_CATEGORIES, { error: `must be one of ${PODCAST_CATEGORIES.join(', ')}` })
      .nullish()
      .transform((value) => value ?? null),
    explicit: z.boolean({ error: 'must be true or false' }).default(false),
    language: z
      .string({ error: 'must be a language tag (en, de-AT)' })
      .trim()
      .regex(LANGUAGE, 'must be a language tag (en, de-AT)')
      .nullish()
      .or(z.literal(''))
      .transform((value) => (value ? value : null)),
    keepEpisodes: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be at least 1')
      .max(MAX_KEEP_EPISODES, `must be at most ${MAX_KEEP_EPISODES}`)
      .default(DEFAULT_KEEP_EPISODES),
  },
  {
    error:
      'must be {enabled, title?, description?, author?, category?, explicit, language?, keepEpisodes}',
  },
);

export type PodcastInput = z.input<typeof podcastSchema>;
export type Podcast = z.output<typeof podcastSchema>;

/** A stream without a feed (what a stream gets when `podcast` is omitted). */
export const NO_PODCAST: Podcast = {
  enabled: false,
  title: null,
  description: null,
  author: null,
  category: null,
  explicit: false,
  language: null,
  keepEpisodes: DEFAULT_KEEP_EPISODES,
};

/** The stream field: omitted or null means no feed. */
export const podcastField = podcastSchema
  .nullish()
  .transform((value): Podcast => value ?? { ...NO_PODCAST });

/** The answer's shape of a stream's `podcast`. */
export const podcastDtoSchema = z.strictObject({
  enabled: z.boolean(),
  title: z.string().nullable(),
  description: z.string().nullable(),
  author: z.string().nullable(),
  category: z.string().nullable(),
  explicit: z.boolean(),
  language: z.string().nullable(),
  keepEpisodes: z.number().int().positive(),
});

/**
 * The feed token: 32 URL-safe base64 characters (192 random bits). A token read from a backup or
 * a file must look like one.
 */
export const FEED_TOKEN_PATTERN = /^[A-Za-z0-9_-]{22,128}$/;
export const feedTokenSchema = z
  .string()
  .regex(FEED_TOKEN_PATTERN, 'must be a feed token (22 to 128 letters, digits, "-" or "_")');

/** The path of a stream's feed (`streamId` null: the feed of every enabled stream). */
export function feedPathOf(token: string, streamId: string | null): string {
  return `/feeds/${token}/${streamId === null ? 'all' : encodeURIComponent(streamId)}.xml`;
}

/**
 * The path of the iCalendar feed of upcoming runs under the feed token (calendar apps subscribe
 * to it and cannot log in either).
 */
export function scheduleIcsPathOf(token: string): string {
  return `/feeds/${token}/schedule.ics`;
}

/** The path of a session's audio in the feeds. */
export function feedAudioPathOf(token: string, sessionId: string): string {
  return `/feeds/${token}/audio/${encodeURIComponent(sessionId)}.mp3`;
}

/** The path of a stream's feed cover (square JPEG of 1400 px). */
export function feedArtworkPathOf(token: string, streamId: string): string {
  return `/feeds/${token}/artwork/${encodeURIComponent(streamId)}.jpg`;
}
