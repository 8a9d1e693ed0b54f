// The desktop app's own settings, kept beside the core's data in Electron's userData folder
// (desktop.json): where recordings go, and which schedules "Pause all schedules" paused (so that
// "Resume" wakes exactly those). The core's run-time settings stay in its database.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

const desktopConfigSchema = z.object({
  /** Absolute path; absent: the default (userData/recordings) or RECORDINGS_DIR. */
  recordingsDir: z.string().min(1).max(4096).optional(),
  pausedScheduleIds: z.array(z.string().min(1).max(200)).max(10_000).default([]),
});

export type DesktopConfig = z.output<typeof desktopConfigSchema>;

export interface DesktopConfigStore {
  get(): DesktopConfig;
  update(patch: Partial<DesktopConfig>): DesktopConfig;
}

/**
 * Reads desktop.json once (a missing or damaged file gives the defaults, and says why through
 * `warn`); `update` writes it whole through a temporary file.
 */
export function openDesktopConfig(
  file: string,
  warn: (message: string) => void = () => undefined,
): DesktopConfigStore {
  let current: DesktopConfig = { pausedScheduleIds: [] };
  try {
    const parsed = desktopConfigSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) current = parsed.data;
    else warn(`${file} is not valid (${parsed.error.issues[0]?.message}); using the defaults.`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      warn(`${file} could not be read (${String(error)}); using the defaults.`);
    }
  }
  return {
    get: () => ({ ...current, pausedScheduleIds: [...current.pausedScheduleIds] }),
    update(patch) {
      const next = desktopConfigSchema.parse({ ...current, ...patch });
      mkdirSync(dirname(file), { recursive: true });
      const temp = `${file}.tmp`;
      writeFileSync(temp, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
      renameSync(temp, file);
      current = next;
      return this.get();
    },
  };
}
