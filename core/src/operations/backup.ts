import { backupGet, backupPreview, backupRestore } from '../../contract/operations/backup';
import { createBackup } from '../backup/create-backup';
import { previewRestore } from '../backup/preview-restore';
import { restoreBackup } from '../backup/restore-backup';
import type { Repositories } from '../db/repositories';
import type { OperationContext } from './context';
import { implement } from './operation-table';

/** What the backup operations use. */
export type BackupOpsContext = Pick<
  OperationContext,
  'settings' | 'runtime' | 'scheduler' | 'logger' | 'clock' | 'version'
> & { repos: Pick<Repositories, 'config'> };

/** What taking a backup (and comparing one with the installation) reads. */
function backupDeps(ctx: BackupOpsContext) {
  return {
    config: ctx.repos.config,
    runtime: ctx.runtime,
    clock: ctx.clock,
    logger: ctx.logger,
    version: ctx.version,
    configDir: ctx.settings.configDir,
  };
}

export const backupOperations = [
  implement(backupGet, async (_input, ctx: BackupOpsContext) => {
    const doc = await createBackup(backupDeps(ctx));
    ctx.logger.info(
      `Backup taken (${doc.destinations.length} destinations, ${doc.streams.length} streams, ${doc.schedules.length} schedules; it includes private keys and passphrases).`,
    );
    return doc;
  }),
  implement(backupRestore, async (input, ctx: BackupOpsContext) =>
    restoreBackup(
      {
        config: ctx.repos.config,
        runtime: ctx.runtime,
        scheduler: ctx.scheduler,
        logger: ctx.logger,
        configDir: ctx.settings.configDir,
        artworkDir: ctx.settings.artworkDir,
        timeZone: ctx.settings.timeZone,
      },
      input,
    ),
  ),
  // compares by digests: no secret leaves the server, so no backup is taken (nor logged)
  implement(backupPreview, async (input, ctx: BackupOpsContext) =>
    previewRestore({ ...backupDeps(ctx), timeZone: ctx.settings.timeZone }, input),
  ),
];
