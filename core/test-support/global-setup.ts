import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join } from 'node:path';
import { locateFfmpeg } from '../src/ffmpeg/locate';
import { nameTestRun } from './build-once';

/** Where `name` is found: an absolute path is checked as is, else PATH plus `extraDirs`. */
export function findExecutable(
  name: string,
  extraDirs: readonly string[] = [],
  pathEnv = process.env.PATH ?? '',
): string | undefined {
  const candidates = isAbsolute(name)
    ? [name]
    : [...pathEnv.split(delimiter).filter(Boolean), ...extraDirs].map((d) => join(d, name));
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The programs the integration tests run for real, and where else to look for them. */
export function requiredPrograms(): { name: string; extraDirs: string[] }[] {
  const { ffmpeg, ffprobe } = locateFfmpeg();
  const sbin = ['/usr/sbin', '/usr/local/sbin', '/sbin'];
  return [
    { name: ffmpeg, extraDirs: [] },
    { name: ffprobe, extraDirs: [] },
    { name: 'icecast2', extraDirs: ['/usr/bin', ...sbin] },
    { name: 'sshd', extraDirs: sbin },
    { name: 'ssh-keygen', extraDirs: ['/usr/bin'] },
    { name: 'sftp', extraDirs: ['/usr/bin'] },
  ];
}

/**
 * vitest globalSetup of the integration project: fails the whole run at once, loudly, when a
 * program the tests need is missing. It starts no server: each test file starts what it needs. It
 * names the run, so that the files build the UI and the server bundle once between them.
 */
export default function setup(): void {
  nameTestRun();
  const missing = requiredPrograms()
    .filter((p) => !findExecutable(p.name, p.extraDirs))
    .map((p) => p.name);
  if (missing.length > 0) {
    throw new Error(
      `\n\nIntegration tests need these programs, which were not found: ${missing.join(', ')}.\n` +
        `Install them with:  npm run test:setup\n` +
        `(Debian packages: ffmpeg icecast2 openssh-server openssh-client)\n`,
    );
  }
}
