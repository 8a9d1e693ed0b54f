import { readFile } from 'node:fs/promises';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { redactUrlCredentials } from '../../../contract/redact';
import { removeKeyFile, writePassphrase } from '../../operations/key-store';

/**
 * Secrets leave the database. Passphrases: each one is written to CONFIG_DIR/keys/<id>.passphrase (0600,
 * flushed to disk) and the row keeps only that path (`passphraseFile`); then the `passphrase`
 * column is dropped. The files are written before the transaction that drops the column commits,
 * so a crash in between loses nothing (the next start writes them again). Needs CONFIG_DIR
 * (Database.open's configDir) when a destination has a passphrase. Sessions' error messages lose
 * the credentials of stream URLs that older versions wrote into them.
 */
export function secretsOutOfDatabase(configDir: string | undefined) {
  return class SecretsOutOfDatabase1764200000000 implements MigrationInterface {
    name = 'SecretsOutOfDatabase1764200000000';

    async up(q: QueryRunner): Promise<void> {
      await q.query(`ALTER TABLE "destinations" ADD COLUMN "passphraseFile" varchar`);
      const rows = (await q.query(
        `SELECT "id", "passphrase" FROM "destinations" WHERE "passphrase" IS NOT NULL AND "passphrase" != ''`,
      )) as { id: string; passphrase: string }[];
      if (rows.length > 0 && !configDir) {
        throw new Error('Moving the passphrases out of the database needs CONFIG_DIR.');
      }
      for (const row of rows) {
        const file = await writePassphrase(configDir as string, row.id, row.passphrase);
        await q.query(`UPDATE "destinations" SET "passphraseFile" = ? WHERE "id" = ?`, [
          file,
          row.id,
        ]);
      }
      await q.query(`ALTER TABLE "destinations" DROP COLUMN "passphrase"`);
      const messages = (await q.query(
        `SELECT "id", "errorMessage" FROM "sessions" WHERE "errorMessage" LIKE '%://%@%'`,
      )) as { id: string; errorMessage: string }[];
      for (const row of messages) {
        const clean = redactUrlCredentials(row.errorMessage);
        if (clean !== row.errorMessage) {
          await q.query(`UPDATE "sessions" SET "errorMessage" = ? WHERE "id" = ?`, [clean, row.id]);
        }
      }
    }

    async down(q: QueryRunner): Promise<void> {
      await q.query(`ALTER TABLE "destinations" ADD COLUMN "passphrase" varchar`);
      const rows = (await q.query(
        `SELECT "id", "passphraseFile" FROM "destinations" WHERE "passphraseFile" IS NOT NULL`,
      )) as { id: string; passphraseFile: string }[];
      for (const row of rows) {
        const passphrase = await readFile(row.passphraseFile, 'utf8');
        await q.query(`UPDATE "destinations" SET "passphrase" = ? WHERE "id" = ?`, [
          passphrase,
          row.id,
        ]);
      }
      await q.query(`ALTER TABLE "destinations" DROP COLUMN "passphraseFile"`);
      if (configDir) for (const row of rows) await removeKeyFile(configDir, row.passphraseFile);
    }
  };
}
