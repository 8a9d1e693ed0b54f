import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE "destinations" (
      "id" varchar PRIMARY KEY NOT NULL,
      "name" varchar NOT NULL,
      "host" varchar NOT NULL,
      "port" integer NOT NULL DEFAULT 22,
      "username" varchar NOT NULL,
      "remoteDir" varchar NOT NULL,
      "privateKeyPath" varchar,
      "storedKeyFile" varchar,
      "passphrase" varchar,
      "hostKeyFingerprint" varchar,
      "transferMode" varchar NOT NULL DEFAULT 'fastPut',
      "createdAt" varchar NOT NULL,
      "updatedAt" varchar NOT NULL)`);
    await q.query(`CREATE TABLE "streams" (
      "id" varchar PRIMARY KEY NOT NULL,
      "name" varchar NOT NULL,
      "streamUrl" varchar NOT NULL,
      "fallbackUrls" text NOT NULL DEFAULT '[]',
      "artist" varchar NOT NULL,
      "album" varchar NOT NULL,
      "albumArtist" varchar NOT NULL,
      "genre" varchar,
      "outputFilenamePattern" varchar,
      "destinationId" varchar REFERENCES "destinations" ("id") ON DELETE RESTRICT,
      "mp3BitrateKbps" integer NOT NULL DEFAULT 192,
      "artworkFile" varchar,
      "createdAt" varchar NOT NULL,
      "updatedAt" varchar NOT NULL)`);
    await q.query(`CREATE TABLE "schedules" (
      "id" varchar PRIMARY KEY NOT NULL,
      "streamId" varchar NOT NULL REFERENCES "streams" ("id") ON DELETE RESTRICT,
      "cronExpression" varchar NOT NULL,
      "timezone" varchar,
      "durationMinutes" integer NOT NULL,
      "padBeforeSeconds" integer NOT NULL DEFAULT 0,
      "padAfterSeconds" integer NOT NULL DEFAULT 0,
      "isActive" boolean NOT NULL DEFAULT 1,
      "maxRetries" integer NOT NULL DEFAULT 3,
      "lastRunTime" varchar,
      "createdAt" varchar NOT NULL,
      "updatedAt" varchar NOT NULL)`);
    await q.query(`CREATE TABLE "sessions" (
      "id" varchar PRIMARY KEY NOT NULL,
      "streamId" varchar NOT NULL REFERENCES "streams" ("id") ON DELETE RESTRICT,
      "scheduleId" varchar REFERENCES "schedules" ("id") ON DELETE SET NULL,
      "status" varchar NOT NULL,
      "transferStatus" varchar NOT NULL,
      "startTime" varchar NOT NULL,
      "endTime" varchar,
      "plannedDurationSeconds" integer NOT NULL,
      "durationSeconds" real,
      "title" varchar,
      "trackNumber" integer,
      "outputFilePath" varchar,
      "remotePath" varchar,
      "fileSizeBytes" integer,
      "gaps" text NOT NULL DEFAULT '[]',
      "partial" boolean NOT NULL DEFAULT 0,
      "attempts" integer NOT NULL DEFAULT 0,
      "errorMessage" varchar,
      "partsDir" varchar,
      "nextTransferAt" varchar,
      "createdAt" varchar NOT NULL,
      "updatedAt" varchar NOT NULL)`);
    await q.query(
      `CREATE INDEX "IDX_sessions_stream_start" ON "sessions" ("streamId", "startTime")`,
    );
    await q.query(
      `CREATE TABLE "settings" ("key" varchar PRIMARY KEY NOT NULL, "value" varchar NOT NULL)`,
    );
    await q.query(`CREATE TABLE "transfer_attempts" (
      "id" varchar PRIMARY KEY NOT NULL,
      "sessionId" varchar NOT NULL REFERENCES "sessions" ("id") ON DELETE CASCADE,
      "destinationId" varchar,
      "startedAt" varchar NOT NULL,
      "finishedAt" varchar,
      "ok" boolean NOT NULL DEFAULT 0,
      "bytes" integer,
      "mode" varchar,
      "error" varchar)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'transfer_attempts',
      'settings',
      'sessions',
      'schedules',
      'streams',
      'destinations',
    ]) {
      await q.query(`DROP TABLE "${t}"`);
    }
  }
}
