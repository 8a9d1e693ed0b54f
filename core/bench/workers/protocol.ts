// The workers' side of the JSON-lines protocol (see harness/workers.ts).
import { selfUsage } from '../harness/proc';

export function emit(event: string, data: object = {}): void {
  process.stdout.write(`${JSON.stringify({ event, ...data })}\n`);
}

export interface RunWorkerOptions {
  /**
   * After `done`, stay alive until stopped (SIGTERM from Worker.stop) instead of exiting: a
   * wrapper whose children's CPU is read from /proc must outlive the sampler's last reading, as
   * that CPU is only readable in the wrapper's own cutime/cstime once the children are reaped.
   */
  stayAfterDone?: boolean;
}

/** Runs the worker's main with its command; reports `done` (with what it used) or `error`. */
export function runWorker<C>(
  main: (command: C) => Promise<object>,
  options: RunWorkerOptions = {},
): void {
  const command = JSON.parse(process.argv[2] ?? '{}') as C;
  main(command).then(
    (result) => {
      emit('done', { ...result, usage: selfUsage() });
      if (options.stayAfterDone) {
        const keepAlive = setInterval(() => undefined, 60_000);
        process.once('SIGTERM', () => {
          clearInterval(keepAlive);
          process.exit(0);
        });
      } else process.exit(0);
    },
    (error: unknown) => {
      emit('error', {
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      process.exit(1);
    },
  );
}
