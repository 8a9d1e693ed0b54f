/**
 * Test support for the file name rules (core/contract/naming/file-name.ts), shared by their own
 * test and the processor's, which checks the same names against a real path.
 */
import type { FileNameTokens } from '../naming/file-name';

/** The tokens of the 2026-11-24 06:00 recording of "Morning Show", episode 2519. */
export const MORNING_SHOW_TOKENS: FileNameTokens = {
  name: 'Morning Show',
  date: '2026-11-24',
  time: '06-00-00',
  datetime: '2026-11-24 06-00-00',
  track: 2519,
  artist: 'Radio X',
  album: 'Mornings',
};

/** Patterns and token values that try to leave the folder (paths, drives, shares, NUL, `..`). */
export const HOSTILE_FILE_NAMES: [string, Partial<FileNameTokens>][] = [
  ['../../etc/passwd', {}],
  ['{name}', { name: '../x' }],
  ['{name}', { name: '..\\..\\windows\\system32' }],
  ['/etc/passwd', {}],
  ['C:\\Windows\\evil', {}],
  ['\\\\server\\share\\x', {}],
  ['{name}', { name: 'a\u0000/../../b' }],
  ['{date}/{name}', {}],
  ['{name}/..', { name: '..' }],
  ['~/.ssh/authorized_keys', {}],
  ['{artist}', { artist: '/' }],
  ['{album}', { album: '..' }],
];
