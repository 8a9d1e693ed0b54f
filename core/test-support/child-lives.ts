import { spawnRunner, type ProcessRunner } from '../src/ffmpeg/process';
import { mainThreadTime } from './thread-time';

/** A moment: wall clock, and how long this process's main thread had waited for a CPU so far. */
export interface Moment {
  at: number;
  waitingMs: number;
}

export function moment(): Moment {
  return { at: Date.now(), waitingMs: mainThreadTime()?.waitingMs ?? 0 };
}

/** When one child process was started and when its exit was seen. */
export interface ChildLife {
  started: Moment;
  exited?: Moment;
}

/**
 * This process's own time from `from` to `to`: the wall-clock time in which none of `lives` ran
 * (a child not seen to exit runs until `to`), less the CPU waiting of the main thread in that
 * time. What is left is what the code itself took, however busy the machine was.
 */
export function ownMs(lives: readonly ChildLife[], from: Moment, to: Moment): number {
  const spans = lives
    .map((l) => ({
      start: l.started.at > from.at ? l.started : from,
      end: l.exited && l.exited.at < to.at ? l.exited : to,
    }))
    .filter((s) => s.end.at > s.start.at)
    .sort((a, b) => a.start.at - b.start.at);
  let own = 0;
  let cursor = from;
  for (const { start, end } of spans) {
    if (start.at > cursor.at) own += start.at - cursor.at - (start.waitingMs - cursor.waitingMs);
    if (end.at > cursor.at) cursor = end;
  }
  if (to.at > cursor.at) own += to.at - cursor.at - (to.waitingMs - cursor.waitingMs);
  return own;
}

/**
 * A ProcessRunner (over `runner`) that notes the life of every child it starts, for ownMs: on a
 * shared machine the time spent waiting for children (ffmpeg finalizing a part, ffprobe reading
 * it) and for a CPU grows with the load; the rest is the code's own.
 */
export function childLives(runner: ProcessRunner = spawnRunner) {
  const lives: ChildLife[] = [];
  const noting: ProcessRunner = {
    start(bin, args, options) {
      const life: ChildLife = { started: moment() };
      lives.push(life);
      const proc = runner.start(bin, args, options);
      void proc.exited.then(() => (life.exited = moment()));
      return proc;
    },
  };
  return {
    lives,
    runner: noting,
    /** This process's own time from `from` to `to` (see ownMs). */
    ownMs: (from: Moment, to: Moment) => ownMs(lives, from, to),
  };
}
