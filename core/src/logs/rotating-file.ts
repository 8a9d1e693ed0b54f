import {
  closeSync,
  existsSync,
  fchmodSync,
  fstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../config/private-files';

export interface RotatingFileOptions {
  dir: string;
  /** `recorder.log`; rotated copies are `recorder.log.1` (newest) ... `recorder.log.<keep>`. */
  name?: string;
  /** The file is rotated before a line would take it past this size. */
  maxBytes?: number;
  /** Rotated files kept (at least 1). */
  keep?: number;
  /** Told about a failure to write or rotate (once per streak of failures). */
  onError?: (error: unknown) => void;
}

export const DEFAULT_LOG_FILE_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_LOG_FILES_KEPT = 5;

/**
 * An append-only text file rotated by size and on request, readable by the owner only (0600). Writes are synchronous (a log line is
 * small, and order must survive a crash) and never throw: a failure is reported to `onError`, and
 * the file is opened again at the next write.
 */
export class RotatingFile {
  readonly path: string;
  private readonly maxBytes: number;
  private readonly keep: number;
  private fd: number | null = null;
  private size = 0;
  private failing = false;

  constructor(private readonly options: RotatingFileOptions) {
    this.path = join(options.dir, options.name ?? 'recorder.log');
    this.maxBytes = options.maxBytes ?? DEFAULT_LOG_FILE_MAX_BYTES;
    this.keep = Math.max(1, options.keep ?? DEFAULT_LOG_FILES_KEPT);
  }

  write(text: string): void {
    try {
      const bytes = Buffer.byteLength(text);
      if (this.fd === null) this.open();
      if (this.size > 0 && this.size + bytes > this.maxBytes) {
        this.shift();
        this.open();
      }
      writeSync(this.fd as number, text);
      this.size += bytes;
      this.failing = false;
    } catch (error) {
      this.fail(error);
    }
  }

  /** Starts a new file now (the daily job calls this), unless the current one is empty. */
  rotate(): void {
    try {
      if (this.fd === null && existsSync(this.path)) this.open();
      if (this.fd === null || this.size === 0) return;
      this.shift();
    } catch (error) {
      this.fail(error);
    }
  }

  close(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      /* already gone */
    }
    this.fd = null;
  }

  private open(): void {
    mkdirSync(this.options.dir, { recursive: true, mode: PRIVATE_DIR_MODE });
    this.fd = openSync(this.path, 'a', PRIVATE_FILE_MODE);
    // the owner's only, also a file an older version left readable to others
    fchmodSync(this.fd, PRIVATE_FILE_MODE);
    this.size = fstatSync(this.fd).size;
  }

  /** recorder.log → .1, .1 → .2, ...; the oldest beyond `keep` is removed. Leaves no file open. */
  private shift(): void {
    this.close();
    const base = this.options.name ?? 'recorder.log';
    for (const entry of readdirSync(this.options.dir)) {
      const m = /^(.*)\.(\d+)$/.exec(entry);
      if (m && m[1] === base && Number(m[2]) >= this.keep) {
        rmSync(join(this.options.dir, entry), { force: true });
      }
    }
    for (let i = this.keep - 1; i >= 1; i--) {
      const from = `${this.path}.${i}`;
      if (existsSync(from)) renameSync(from, `${this.path}.${i + 1}`);
    }
    if (existsSync(this.path)) renameSync(this.path, `${this.path}.1`);
    this.size = 0;
  }

  private fail(error: unknown): void {
    this.close();
    if (!this.failing) {
      this.failing = true;
      try {
        this.options.onError?.(error);
      } catch {
        /* never into the caller */
      }
    }
  }
}
