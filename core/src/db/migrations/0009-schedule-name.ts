import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Schedules get an optional name of their own (issue 15: "Morning show" instead of its cron
 * expression). Older schedules have none (null): the UI names them by stream, days and time.
 */
export class ScheduleName1764800000000 implements MigrationInterface {
  name = 'ScheduleName1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "schedules" ADD COLUMN "name" varchar`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "schedules" DROP COLUMN "name"`);
  }
}
