// The workers' side of the JSON-lines protocol (see harness/workers.ts).
import { selfUsage } from '../harness/proc';

export function emit(event: string, data: object = {}): void {
  process.stdout.write(`${JSON.stringify({ event, ...data })}\n`);
}

/** Runs the worker's main with its command; reports `done` (with what it used) or `error`. */
export function runWorker<C>(main: (command: C) => Promise<object>): void {
  const command = JSON.parse(process.argv[2] ?? '{}') as C;
  main(command).then(
    (result) => {
      emit('done', { ...result, usage: selfUsage() });
      process.exit(0);
    },
    (error: unknown) => {
      emit('error', {
        message: error instanceof Error ? (error.stack ?? error.message) : String(error),
      });
      process.exit(1);
    },
  );
}
