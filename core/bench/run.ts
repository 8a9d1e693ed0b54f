// `npm run bench` (full, ~20 min) / `npm run bench:quick` (same code paths, tiny sizes, ~2 min):
// measures the app side by side with the tools it stands on and prints a table of ratios.
//   npm run bench -- --only=transfer,processing     re-run some benchmarks
// Raw results: bench-results/<ISO timestamp>.json and bench-results/latest.json.
// Benchmarks report; they are not timed tests: a missed goal does not fail the run, a benchmark
// that cannot run does (exit code 1).
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { findExecutable, requiredPrograms } from '../test-support/global-setup';
import { concurrency } from './concurrency';
import { deadAir } from './dead-air';
import { createContext, type Benchmark } from './harness/context';
import { describeLoad, describeMachine, loadAverage, machineInfo } from './harness/machine';
import { writeResults, type BenchDocument, type SectionResult } from './harness/results';
import { buildServerBundle } from './harness/server';
import { missedLines } from './harness/goals';
import { renderTable } from './harness/table';
import { bundleWorkers, repoRoot } from './harness/workers';
import { nativeCapture } from './native-capture';
import { processing } from './processing';
import { serverFootprint } from './server-footprint';
import { startPrecision } from './start-precision';
import { transfer } from './transfer';

/** In the order they run: those that need Icecast first, then it is stopped. */
const BENCHMARKS: Benchmark[] = [
  startPrecision,
  concurrency,
  nativeCapture,
  processing,
  deadAir,
  transfer,
  serverFootprint,
];
const NEEDS_ICECAST = new Set(['start', 'concurrency', 'native']);
const NEEDS_SERVER = new Set(['start', 'concurrency', 'native', 'server']);

export interface Options {
  quick: boolean;
  only: string[];
}

export function parseArgs(argv: readonly string[]): Options {
  const names = BENCHMARKS.map((b) => b.name);
  let quick = false;
  let only = names;
  for (const arg of argv) {
    if (arg === '--quick') quick = true;
    else if (arg.startsWith('--only=')) {
      only = arg
        .slice('--only='.length)
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      const unknown = only.filter((n) => !names.includes(n));
      if (unknown.length > 0 || only.length === 0) {
        throw new Error(
          `--only: unknown benchmark ${unknown.join(', ')}; choose from ${names.join(', ')}`,
        );
      }
    } else if (arg === '--help' || arg === '-h') {
      throw new Error(`usage: npm run bench [-- --quick] [-- --only=${names.join(',')}]`);
    } else throw new Error(`unknown argument ${arg} (try --help)`);
  }
  return { quick, only };
}

function checkPrerequisites(): void {
  const missing = requiredPrograms()
    .filter((p) => !findExecutable(p.name, p.extraDirs))
    .map((p) => p.name);
  if (missing.length > 0) {
    throw new Error(
      `the benchmarks need these programs, which were not found: ${missing.join(', ')}. ` +
        'Install them with: npm run test:setup',
    );
  }
  if (process.getuid?.() !== 0) {
    throw new Error(
      'the benchmarks start OpenSSH and Icecast as the test suite does: run them as root',
    );
  }
}

async function main(): Promise<number> {
  const options = parseArgs(process.argv.slice(2));
  checkPrerequisites();
  const log = (m: string) => process.stdout.write(`${m}\n`);
  const startedAt = new Date();
  const t0 = performance.now();
  const loadStart = loadAverage();
  const machine = machineInfo();
  log(
    `Audio Stream Recorder benchmarks (${options.quick ? 'quick' : 'full'}): ${options.only.join(', ')}`,
  );
  log(describeMachine(machine));
  const ctx = await createContext(options.quick, log);
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    log('\ninterrupted: stopping the servers');
    void ctx.dispose().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const sections: SectionResult[] = [];
  try {
    await bundleWorkers();
    if (options.only.some((n) => NEEDS_SERVER.has(n))) {
      log(`server bundle built in ${((await buildServerBundle()) / 1000).toFixed(1)} s`);
    }
    const selected = BENCHMARKS.filter((b) => options.only.includes(b.name));
    for (const bench of selected) {
      if (interrupted) break;
      if (!NEEDS_ICECAST.has(bench.name)) await ctx.stopIcecast();
      log(`\n== ${bench.title}`);
      const started = performance.now();
      try {
        const outcome = await bench.run(ctx);
        sections.push({ name: bench.name, durationMs: performance.now() - started, ...outcome });
        log(renderTable(outcome.rows));
      } catch (error) {
        const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
        sections.push({
          name: bench.name,
          durationMs: performance.now() - started,
          rows: [],
          raw: {},
          error: message,
        });
        log(`FAILED: ${message}`);
      }
      log(`(${((performance.now() - started) / 1000).toFixed(0)} s)`);
    }
  } finally {
    await ctx.dispose();
  }

  const loadEnd = loadAverage();
  const doc: BenchDocument = {
    schema: 1,
    mode: options.quick ? 'quick' : 'full',
    only: options.only,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    durationMs: performance.now() - t0,
    machine,
    loadAverage: { start: loadStart, end: loadEnd },
    sections,
  };
  const paths = await writeResults(join(repoRoot, 'bench-results'), doc);
  const rows = sections.flatMap((s) => s.rows);
  log(`\n${renderTable(rows)}\n`);
  const missed = missedLines(rows);
  if (missed.length > 0)
    log(`Goals missed, by how much:\n${missed.map((l) => `- ${l}`).join('\n')}\n`);
  log(`Machine: ${describeMachine(machine)}; ${describeLoad(loadStart, loadEnd)}.`);
  const took =
    doc.durationMs < 120_000
      ? `${(doc.durationMs / 1000).toFixed(0)} s`
      : `${(doc.durationMs / 60_000).toFixed(1)} min`;
  log(`Run: ${doc.mode}, ${took}, started ${doc.startedAt}.`);
  const failed = sections.filter((s) => s.error);
  for (const f of failed)
    log(`Benchmark "${f.name}" did not run to its end: ${f.error?.split('\n')[0]}`);
  log(`Results: ${paths.map((p) => p.slice(repoRoot.length + 1)).join(', ')}`);
  return failed.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
