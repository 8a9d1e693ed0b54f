import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dead air (issue 13): each stream gets its silence level and the silence length that counts as
 * dead air (`silenceThresholdDb` -50, `deadAirSeconds` 60; 0 turns detection off), and each
 * session the silences its processing found and whether one was dead air. Older streams take
 * the defaults; older sessions had no detection: no silences, not dead air.
 */
export class DeadAir1764500000000 implements MigrationInterface {
  name = 'DeadAir1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "streams" ADD COLUMN "silenceThresholdDb" integer NOT NULL DEFAULT (-50)`,
    );
    await q.query(`ALTER TABLE "streams" ADD COLUMN "deadAirSeconds" integer NOT NULL DEFAULT 60`);
    await q.query(`ALTER TABLE "sessions" ADD COLUMN "silences" text NOT NULL DEFAULT '[]'`);
    await q.query(`ALTER TABLE "sessions" ADD COLUMN "deadAir" boolean NOT NULL DEFAULT 0`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "deadAir"`);
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "silences"`);
    await q.query(`ALTER TABLE "streams" DROP COLUMN "deadAirSeconds"`);
    await q.query(`ALTER TABLE "streams" DROP COLUMN "silenceThresholdDb"`);
  }
}
