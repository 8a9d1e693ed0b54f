import { backupGet, backupRestore } from '../../contract/operations/backup';
import { createBackup } from '../backup/create-backup';
import { restoreBackup } from '../backup/restore-backup';
import type { OperationContext } from './context';
import { implement } from './operation-table';

export const backupOperations = [
  implement(backupGet, async (_input, ctx: OperationContext) => {
    const doc = await createBackup(ctx);
    ctx.logger.info(
      `Backup taken (${doc.destinations.length} destinations, ${doc.streams.length} streams, ${doc.schedules.length} schedules; it includes private keys and passphrases).`,
    );
    return doc;
  }),
  implement(backupRestore, async (input, ctx: OperationContext) =>
    restoreBackup(
      {
        db: ctx.db,
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
];
