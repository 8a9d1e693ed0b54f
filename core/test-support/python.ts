// Runs a Python script of Debian's python3 over text on stdin and reads the JSON it prints: the
// way the tests read what we publish with parsers that are not ours (installed by
// `npm run test:setup`).
import { spawn } from 'node:child_process';

/** Debian's Python: the one the python3-* packages install into. */
export const PYTHON = '/usr/bin/python3';

/** Runs `script` with `input` on stdin; resolves the JSON it printed, rejects with its stderr. */
export function runPythonJson<T>(script: string, input: string, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(PYTHON, ['-c', script], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (stdout += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`${what} refused the text: ${stderr}`));
      else resolve(JSON.parse(stdout) as T);
    });
    child.stdin.end(input, 'utf8');
  });
}
