// Sends rounds of HTTP requests from a process of its own, so that a test measuring a server's
// event loop in its own process does not measure the clients' work as well.
//
//   node --import tsx core/test-support/request-rounds.ts <base URL> <headers JSON> <requests JSON>
//     [<start at, ms since the epoch>]
//
// From the start time on (default: at once), round after round: the requests ([{name, method,
// path, body? or bodyFile?, status}]) start within SPREAD_MS of each other, in order (clients are not in step
// to the millisecond; all are under way together), and when all are answered one JSON line goes
// to stdout: {"round": n, "startedAt", "endedAt", "wrong": ["<name>: <status> <body>", ...]}
// (those that did not get their status). SIGTERM ends it after the round under way. It runs at a
// low priority (nice 10), so that on a busy machine it takes little CPU from the server it
// measures. Test-only code.
import { readFile } from 'node:fs/promises';
import { setPriority } from 'node:os';

export interface RoundRequest {
  name: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  body?: unknown;
  /** A file whose bytes are the JSON body (for bodies too large for the command line). */
  bodyFile?: string;
  /** The status it must get. */
  status: number;
}

/** Bodies read from their files once, before the first round. */
const fileBodies = new Map<string, Buffer>();

function bodyOf(r: RoundRequest): string | Buffer | undefined {
  if (r.bodyFile !== undefined) return fileBodies.get(r.bodyFile);
  return r.body === undefined ? undefined : JSON.stringify(r.body);
}

async function send(base: string, headers: Record<string, string>, r: RoundRequest) {
  try {
    const body = bodyOf(r);
    const res = await fetch(`${base}${r.path}`, {
      method: r.method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body,
    });
    const text = await res.text();
    return res.status === r.status ? null : `${r.name}: ${res.status} ${text.slice(0, 300)}`;
  } catch (error) {
    return `${r.name}: ${(error as Error).message}`;
  }
}

/** A round's requests start evenly spread over this many ms. */
const SPREAD_MS = 200;

async function main(): Promise<void> {
  const [base, headersJson, requestsJson, startAt] = process.argv.slice(2);
  const headers = JSON.parse(headersJson!) as Record<string, string>;
  const requests = JSON.parse(requestsJson!) as RoundRequest[];
  for (const r of requests) {
    if (r.bodyFile !== undefined) fileBodies.set(r.bodyFile, await readFile(r.bodyFile));
  }
  try {
    setPriority(10);
  } catch {
    // not allowed: it runs at its normal priority
  }
  let stopping = false;
  process.once('SIGTERM', () => (stopping = true));
  const wait = Number(startAt ?? 0) - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  for (let round = 1; !stopping; round += 1) {
    const startedAt = Date.now();
    const answers = await Promise.all(
      requests.map(async (r, i) => {
        await new Promise((resolve) => setTimeout(resolve, (i * SPREAD_MS) / requests.length));
        return send(base!, headers, r);
      }),
    );
    const wrong = answers.filter((a) => a !== null);
    process.stdout.write(`${JSON.stringify({ round, startedAt, endedAt: Date.now(), wrong })}\n`);
  }
}

void main();
