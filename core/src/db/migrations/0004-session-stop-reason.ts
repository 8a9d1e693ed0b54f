import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Sessions keep why their recording ended (`stopReason`), instead of the error message saying
 * it. Rows written before are given the reason their message states (the only place the message
 * is read): `Missed: …` missed, `Stopped early: stopped by request` user, `… DISK_FULL …` disk
 * full, `… shutting down` shutdown, `Not recorded: …` interrupted; a recording that reached the
 * end of its window (not partial, processed) window-end. Others stay null (not known).
 */
export class SessionStopReason1764300000000 implements MigrationInterface {
  name = 'SessionStopReason1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" ADD COLUMN "stopReason" varchar`);
    const rules: [reason: string, where: string][] = [
      ['missed', `"errorMessage" LIKE 'Missed: %'`],
      ['interrupted', `"errorMessage" LIKE 'Not recorded: %'`],
      ['user', `"errorMessage" = 'Stopped early: stopped by request'`],
      ['disk-full', `"errorMessage" LIKE 'Stopped early: DISK_FULL%'`],
      ['shutdown', `"errorMessage" LIKE 'Stopped early: The app is shutting down%'`],
      ['window-end', `"partial" = 0 AND "status" IN ('PROCESSING', 'COMPLETED')`],
    ];
    for (const [reason, where] of rules) {
      await q.query(
        `UPDATE "sessions" SET "stopReason" = ? WHERE "stopReason" IS NULL AND ${where}`,
        [reason],
      );
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "sessions" DROP COLUMN "stopReason"`);
  }
}
