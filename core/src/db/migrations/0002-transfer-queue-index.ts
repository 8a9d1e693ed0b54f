import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transfer queue is polled by (transferStatus, nextTransferAt), and sessions are listed
 * newest first: index both. Also repairs rows written before 0.1.0 with a NULL queue time for a
 * PENDING transfer, so that they are picked up at once.
 */
export class TransferQueueIndex1764100000000 implements MigrationInterface {
  name = 'TransferQueueIndex1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `CREATE INDEX "IDX_sessions_transfer_queue" ON "sessions" ("transferStatus", "nextTransferAt")`,
    );
    await q.query(`CREATE INDEX "IDX_sessions_start" ON "sessions" ("startTime")`);
    await q.query(
      `UPDATE "sessions" SET "nextTransferAt" = "updatedAt" WHERE "transferStatus" = 'PENDING' AND "status" = 'COMPLETED' AND "nextTransferAt" IS NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX "IDX_sessions_start"`);
    await q.query(`DROP INDEX "IDX_sessions_transfer_queue"`);
  }
}
