import { AppError } from '../../contract';
import {
  checkDiskSpace,
  formatMb,
  statfsDiskSpace,
  type DiskCheck,
  type DiskSpace,
} from './disk-space';

/** What the disk guard reads; PipelineDeps plus `minFreeDiskMb` (and optionally `disk`) fits. */
export interface DiskGuardDeps {
  folders: { recordingsDir: string; partsDir: string };
  /** The runtime setting (0 turns the guard off). */
  minFreeDiskMb: () => number;
  disk?: DiskSpace;
}

/** The tighter of the two folders (recordings, parts): they may be on different disks. */
export async function tightestDiskCheck(deps: DiskGuardDeps): Promise<DiskCheck> {
  const min = deps.minFreeDiskMb();
  const disk = deps.disk ?? statfsDiskSpace;
  const checks = await Promise.all(
    [deps.folders.partsDir, deps.folders.recordingsDir].map((d) => checkDiskSpace(d, min, disk)),
  );
  return checks.reduce((a, b) => (b.freeMb < a.freeMb ? b : a));
}

/** The sentence users see: how much is free, which setting, and what to do next. */
export function lowDiskMessage(check: DiskCheck, consequence: string): string {
  return (
    `Only ${formatMb(check.freeMb)} free on the disk of ${check.dir} ` +
    `(the minimum is ${formatMb(check.minFreeMb)}, setting minFreeDiskMb): ${consequence} ` +
    'Free some space (delete or move old recordings, lower retentionDays) or lower minFreeDiskMb in Settings.'
  );
}

/**
 * Before a recording starts (in startSession, before RECORDING): throws AppError DISK_FULL when a
 * folder it writes to has less than minFreeDiskMb free. The caller's failure path logs it and
 * records it on the session.
 */
export async function assertDiskSpace(deps: DiskGuardDeps): Promise<void> {
  if (deps.minFreeDiskMb() <= 0) return;
  const check = await tightestDiskCheck(deps);
  if (!check.ok) {
    throw new AppError('DISK_FULL', lowDiskMessage(check, 'the recording was not started.'));
  }
}
