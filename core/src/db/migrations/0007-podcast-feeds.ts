import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What an older stream gets: no feed (the contract's NO_PODCAST, as stored). */
export const NO_PODCAST_JSON =
  '{"enabled":false,"title":null,"description":null,"author":null,"category":null,"explicit":false,"language":null,"keepEpisodes":20}';

/**
 * Podcast feeds (issue 14): each stream gets its `podcast` settings (JSON; older streams: no
 * feed), each destination the web address its remote folder is served under (`publicBaseUrl`,
 * null: none). The feed token is a secret and lives in a 0600 file, not here.
 */
export class PodcastFeeds1764600000000 implements MigrationInterface {
  name = 'PodcastFeeds1764600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "streams" ADD COLUMN "podcast" text NOT NULL DEFAULT '${NO_PODCAST_JSON}'`,
    );
    await q.query(`ALTER TABLE "destinations" ADD COLUMN "publicBaseUrl" varchar`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "destinations" DROP COLUMN "publicBaseUrl"`);
    await q.query(`ALTER TABLE "streams" DROP COLUMN "podcast"`);
  }
}
