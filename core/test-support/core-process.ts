// The engine in a process of its own, for tests that kill it (`kill -9`) and start it again.
//
//   node --import tsx core/test-support/core-process.ts '<json command>'   (or: npx tsx ...)
//
// Settings come from the environment like every host (DATA_DIR, RECORDINGS_DIR, TZ, LOG_LEVEL...).
// The command (all parts optional, applied in this order):
//   {"seed": {"destinations": [{...}], "streams": [{...}]}}   upsert rows (missing fields default)
//   {"recover": true}                                          crash recovery, as at start-up
//   {"record": {"streamId": "x", "seconds": 20}}               record now (starts on a whole second)
//   {"exitWhenIdle": true, "idleTimeoutMs": 60000}             exit once nothing is left to do
// stdout: one JSON object a line: {"event":"ready","pid"}, {"event":"log",...entry},
// {"event":"session","session"}, {"event":"recording","sessionId","windowStart","windowEnd"},
// {"event":"recovered",...}, {"event":"recovery-done"}, {"event":"idle"}, {"event":"exit","code"}.
// SIGTERM/SIGINT stop it cleanly. Test-only code.
import type { DestinationRecord, StreamRecord } from '../src/db/records';
import { loadSettings } from '../src/config/settings';
import { createCore, type Core } from '../src/create-core';
import { seedDestination, seedStream } from '../src/pipeline/test-fixtures';

export interface CoreProcessCommand {
  seed?: { destinations?: Partial<DestinationRecord>[]; streams?: Partial<StreamRecord>[] };
  recover?: boolean;
  record?: { streamId: string; seconds: number };
  exitWhenIdle?: boolean;
  idleTimeoutMs?: number;
}

const print = (event: string, data: object = {}) =>
  process.stdout.write(`${JSON.stringify({ event, ...data })}\n`);

async function seed(core: Core, command: NonNullable<CoreProcessCommand['seed']>) {
  for (const d of command.destinations ?? []) await seedDestination(core.db, d);
  for (const s of command.streams ?? []) await seedStream(core.db, s);
}

/** Nothing recording or processing, and no delivery waiting or running. */
async function isIdle(core: Core): Promise<boolean> {
  if (core.active.count > 0) return false;
  return !(await core.sessions.anyBusy());
}

async function main(): Promise<number> {
  const command = JSON.parse(process.argv[2] ?? '{}') as CoreProcessCommand;
  const settings = loadSettings();
  const core = await createCore(settings, {
    onLog: (entry) => print('log', entry),
    retryDelayMs: () => 1000,
  });
  core.events.on('session', (session) => print('session', { session }));
  print('ready', { pid: process.pid });

  let stopping: Promise<number> | undefined;
  const stop = (code: number) =>
    (stopping ??= core.stop().then(
      () => code,
      () => 1,
    ));
  process.once('SIGTERM', () => void stop(0).then((c) => process.exit(c)));
  process.once('SIGINT', () => void stop(0).then((c) => process.exit(c)));

  if (command.seed) await seed(core, command.seed);

  const pending: Promise<unknown>[] = [];
  if (command.recover) {
    // createCore ran crash recovery before anything else (orphans stopped, sessions salvaged)
    const result = core.recovery;
    print('recovered', {
      salvaging: result.salvaging,
      failed: result.failed,
      orphans: result.orphans,
      removedTemps: result.removedTemps,
      stillOpen: result.stillOpen,
    });
    pending.push(result.done.then(() => print('recovery-done')));
  }

  if (command.record) {
    const windowStart = Math.ceil((Date.now() + 500) / 1000) * 1000;
    const windowEnd = windowStart + command.record.seconds * 1000;
    const run = await core.recordNow({
      streamId: command.record.streamId,
      scheduleId: null,
      windowStart,
      windowEnd,
    });
    print('recording', { sessionId: run.session.id, windowStart, windowEnd });
    pending.push(run.done);
  }

  if (!command.exitWhenIdle) {
    await new Promise(() => setInterval(() => undefined, 60_000)); // until a signal (or kill -9)
  }
  await Promise.all(pending);
  const deadline = Date.now() + (command.idleTimeoutMs ?? 60_000);
  while (!(await isIdle(core))) {
    if (Date.now() > deadline) {
      print('timeout');
      return stop(3);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  print('idle');
  return stop(0);
}

main().then(
  (code) => {
    print('exit', { code });
    process.exit(code);
  },
  (err: unknown) => {
    print('exit', { code: 1, error: err instanceof Error ? err.stack : String(err) });
    process.exit(1);
  },
);
