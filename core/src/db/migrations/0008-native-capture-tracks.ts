import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Native capture of ICY streams (issue 16): each session gets the titles the station sent
 * (`tracks`, '[]': older sessions and ffmpeg captures have none), and each stream the choice to
 * deliver a `.cue` sheet of them beside the MP3 (`writeCueSheet`, off).
 */
export class NativeCaptureTracks1764700000000 implements MigrationInterface {
  name = 'NativeCaptureTracks1764700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" ADD COLUMN "tracks" text NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE "streams" ADD COLUMN "writeCueSheet" boolean NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "streams" DROP COLUMN "writeCueSheet"`);
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "tracks"`);
  }
}
