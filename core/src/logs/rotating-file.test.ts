import { chmodSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDirEachTest } from '../../test-support/temp-dir';
import { RotatingFile } from './rotating-file';

let dir: string;
const opened: RotatingFile[] = [];
tempDirEachTest('rotating-', (made) => (dir = made));
afterEach(() => {
  for (const f of opened.splice(0)) f.close();
});

function file(options: Partial<ConstructorParameters<typeof RotatingFile>[0]> = {}) {
  const f = new RotatingFile({ dir, ...options });
  opened.push(f);
  return f;
}
const read = (name: string) => readFileSync(join(dir, name), 'utf8');
const names = () => readdirSync(dir).sort();

describe('RotatingFile', () => {
  it('appends lines to recorder.log, after what an earlier run wrote', () => {
    writeFileSync(join(dir, 'recorder.log'), 'old\n');
    const f = file();
    f.write('a\n');
    f.write('b\n');
    expect(read('recorder.log')).toBe('old\na\nb\n');
  });

  it('rotates before a line would pass maxBytes, keeping `keep` older files', () => {
    const f = file({ maxBytes: 10, keep: 2 });
    for (const line of ['11111\n', '22222\n', '33333\n', '44444\n']) f.write(line);
    expect(names()).toEqual(['recorder.log', 'recorder.log.1', 'recorder.log.2']);
    expect(read('recorder.log')).toBe('44444\n');
    expect(read('recorder.log.1')).toBe('33333\n');
    expect(read('recorder.log.2')).toBe('22222\n');
  });

  it('a line longer than maxBytes still gets written, into a file of its own', () => {
    const f = file({ maxBytes: 4, keep: 3 });
    f.write('a\n');
    f.write('a long line\n');
    expect(read('recorder.log')).toBe('a long line\n');
    expect(read('recorder.log.1')).toBe('a\n');
  });

  it('rotate() starts a new file now, and does nothing for an empty one', () => {
    const f = file({ keep: 3 });
    f.rotate();
    expect(names()).toEqual([]);
    f.write('day 1\n');
    f.rotate();
    f.rotate();
    f.write('day 2\n');
    expect(names()).toEqual(['recorder.log', 'recorder.log.1']);
    expect(read('recorder.log.1')).toBe('day 1\n');
    expect(read('recorder.log')).toBe('day 2\n');
  });

  it('rotate() works for a file left by an earlier run, and drops files beyond keep', () => {
    writeFileSync(join(dir, 'recorder.log'), 'yesterday\n');
    for (const n of [1, 2, 3, 4]) writeFileSync(join(dir, `recorder.log.${n}`), `${n}\n`);
    writeFileSync(join(dir, 'other.log.9'), 'not ours\n');
    file({ keep: 2 }).rotate();
    expect(names()).toEqual(['other.log.9', 'recorder.log.1', 'recorder.log.2']);
    expect(read('recorder.log.1')).toBe('yesterday\n');
    expect(read('recorder.log.2')).toBe('1\n');
  });

  it('never throws: a failure is reported once, and writing resumes when possible', () => {
    const errors: unknown[] = [];
    const logs = join(dir, 'logs');
    writeFileSync(logs, 'a file where the folder should be'); // mkdir fails (EEXIST), also for root
    const f = file({ dir: logs, onError: (e) => errors.push(e) });
    expect(() => {
      f.write('lost 1\n');
      f.write('lost 2\n');
      f.rotate();
    }).not.toThrow();
    expect(errors).toHaveLength(1);
    expect((errors[0] as NodeJS.ErrnoException).code).toBe('EEXIST');
    rmSync(logs);
    f.write('back\n');
    expect(readFileSync(join(logs, 'recorder.log'), 'utf8')).toBe('back\n');
  });
});

describe('RotatingFile modes', () => {
  it('writes recorder.log readable by the owner only (0600), also one that was 0644', () => {
    const f = file();
    f.write('a\n');
    expect(statSync(join(dir, 'recorder.log')).mode & 0o777).toBe(0o600);
    f.close();
    chmodSync(join(dir, 'recorder.log'), 0o644);
    f.write('b\n');
    expect(statSync(join(dir, 'recorder.log')).mode & 0o777).toBe(0o600);
    expect(read('recorder.log')).toBe('a\nb\n');
  });
});
