import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Alerts: the user's notification channels (their secrets are 0600 files under CONFIG_DIR/keys,
 * the row keeps the path) and the outbox of alerts not yet delivered, polled by the time of
 * their next attempt and expired by their age.
 */
export class NotificationChannels1764400000000 implements MigrationInterface {
  name = 'NotificationChannels1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "notification_channels" (
      "id" varchar PRIMARY KEY NOT NULL,
      "name" varchar NOT NULL,
      "kind" varchar NOT NULL,
      "enabled" boolean NOT NULL,
      "events" text NOT NULL,
      "config" text NOT NULL,
      "secretFile" varchar,
      "createdAt" varchar NOT NULL,
      "updatedAt" varchar NOT NULL)`);
    await q.query(`CREATE TABLE "alert_outbox" (
      "id" varchar PRIMARY KEY NOT NULL,
      "channelId" varchar NOT NULL,
      "payload" text NOT NULL,
      "createdAt" integer NOT NULL,
      "attempts" integer NOT NULL,
      "nextAttemptAt" integer NOT NULL,
      "lastError" varchar)`);
    await q.query(`CREATE INDEX "IDX_alert_outbox_next" ON "alert_outbox" ("nextAttemptAt")`);
    await q.query(`CREATE INDEX "IDX_alert_outbox_created" ON "alert_outbox" ("createdAt")`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "alert_outbox"`);
    await q.query(`DROP TABLE "notification_channels"`);
  }
}
