// Crash recovery and the disk guard against real programs: the engine in its own process killed
// with -9 while ffmpeg records from Icecast, then started again and delivering over OpenSSH's
// SFTP; and a recording on a small tmpfs that fills up. Results are checked with ffprobe/ffmpeg.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogEntry } from '../../contract';
import { loadSettings } from '../config/settings';
import { createCore, type Core } from '../create-core';
import { Database } from '../db/database';
import type { SessionRecord } from '../db/records';
import { SessionEntity } from '../db/entities/schemas';
import { locateFfmpeg } from '../ffmpeg/locate';
import { probe } from '../ffmpeg/probe';
import { runToCompletion, spawnRunner } from '../ffmpeg/process';
import type { PipelineDeps } from '../pipeline/pipeline-deps';
import { seedStream } from '../pipeline/test-fixtures';
import { systemClock } from '../ports/clock';
import { processRecording } from '../processor/process-recording';
import { recordWindow } from '../recorder/recorder';
import { startIcecast, type IcecastServer } from '../../test-support/icecast';
import { spawnTracked, type TrackedChild } from '../../test-support/processes';
import { startSshd, type SshdServer } from '../../test-support/sshd';
import { tempDirForFile } from '../../test-support/temp-dir';
import { sleep, waitUntil } from '../../test-support/wait';
import type { CoreProcessCommand } from '../../test-support/core-process';
import { assertDiskSpace } from './disk-guard';
import { startDiskMonitor } from './disk-monitor';
import { statfsDiskSpace } from './disk-space';
import { procProcessControl } from './process-control';
import { recoverSessions } from './recover-sessions';
import { createRecoveryDeps } from './recovery-wiring';

const MB = 1024 * 1024;
const repoRoot = resolve(import.meta.dirname, '../../..');
const script = join(repoRoot, 'core/test-support/core-process.ts');

let icecast: IcecastServer;
let sshd: SshdServer;
let dir: string;

interface Line {
  event: string;
  [key: string]: unknown;
}

/** The engine in its own process (`node --import tsx`, so its pid is the engine's). */
function startCoreProcess(command: CoreProcessCommand, env: Record<string, string>) {
  const lines: Line[] = [];
  let buffer = '';
  const child: TrackedChild = spawnTracked(
    process.execPath,
    ['--import', 'tsx', script, JSON.stringify(command)],
    {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      onStdout: (chunk) => {
        buffer += chunk.toString('utf8');
        const parts = buffer.split('\n');
        buffer = parts.pop() ?? '';
        for (const p of parts) if (p.trim()) lines.push(JSON.parse(p) as Line);
      },
    },
  );
  const waitFor = (what: string, match: (l: Line) => boolean, timeoutMs = 90_000) =>
    waitUntil(
      what,
      () => {
        if (child.hasExited && !lines.some(match)) {
          throw new Error(`core process exited: ${child.log()}`);
        }
        return lines.find(match);
      },
      { timeoutMs, intervalMs: 50 },
    );
  return { child, lines, waitFor };
}

/** The engine's pid and the window it records, once it is ready and recording. */
async function recordingOf(core: ReturnType<typeof startCoreProcess>) {
  const ready = await core.waitFor('ready', (l) => l.event === 'ready');
  const rec = await core.waitFor('recording', (l) => l.event === 'recording');
  return {
    pid: ready.pid as number,
    sessionId: rec.sessionId as string,
    windowStart: rec.windowStart as number,
    windowEnd: rec.windowEnd as number,
  };
}

/**
 * The engine started again to recover, until its `recovered` line; `exitCode()` waits for it to
 * exit once idle; `lines` are all it printed.
 */
async function startRecovery(env: Record<string, string>) {
  const core = startCoreProcess({ recover: true, exitWhenIdle: true, idleTimeoutMs: 60_000 }, env);
  const recovered = await core.waitFor('recovered', (l) => l.event === 'recovered');
  const exitCode = async () => (await core.waitFor('exit', (l) => l.event === 'exit', 60_000)).code;
  return { recovered, exitCode, lines: core.lines };
}

/** The session as the engine left it in `dataDir`'s database (read after the engine exited). */
async function storedSession(dataDir: string, id: string): Promise<SessionRecord | null> {
  const db = await Database.open({ path: join(dataDir, 'recorder.sqlite') });
  try {
    return await db.reader.findOneBy(SessionEntity, { id });
  } finally {
    await db.close();
  }
}

async function ffprobe(file: string) {
  return probe(spawnRunner, 'ffprobe', file);
}

/**
 * Expects `file` to be an MP3 that lasts the `recordedSeconds` less the session's gaps (±1.5 s);
 * answers what ffprobe read.
 */
async function expectMp3OfRecording(file: string, s: SessionRecord, recordedSeconds: number) {
  const info = await ffprobe(file);
  expect(info.streams.find((x) => x.codec_type === 'audio')?.codec_name).toBe('mp3');
  const gapSeconds = s.gaps.reduce((t, g) => t + g.seconds, 0);
  expect(Math.abs(Number(info.format.duration) + gapSeconds - recordedSeconds)).toBeLessThanOrEqual(
    1.5,
  );
  return info;
}

async function decodesFully(file: string): Promise<boolean> {
  const run = await runToCompletion(spawnRunner, 'ffmpeg', [
    ...['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-'],
  ]);
  return run.code === 0;
}

tempDirForFile('asr-lifecycle-', (made) => (dir = made));

beforeAll(async () => {
  [icecast, sshd] = await Promise.all([startIcecast(), startSshd()]);
  await Promise.all([
    icecast.addMount('/live.mp3', { codec: 'mp3', bitrateKbps: 128, name: 'Crash FM' }),
    icecast.addMount('/loud.mp3', { codec: 'mp3', bitrateKbps: 320, name: 'Loud FM' }),
  ]);
  // let Icecast's 64 KB burst buffers fill, as on a real station
  await sleep(4500);
});

afterAll(async () => {
  await Promise.allSettled([icecast?.stop(), sshd?.dispose()]);
});

describe('crash recovery', () => {
  it('after kill -9 mid-recording: stops the orphaned ffmpeg, salvages the partial recording, tags and delivers it', async () => {
    const dataDir = join(dir, 'crash-data');
    // an orphaned ffmpeg is what this test is about: ffmpeg records
    const env = {
      DATA_DIR: dataDir,
      TZ: 'Europe/Berlin',
      LOG_LEVEL: 'debug',
      NATIVE_CAPTURE: '0',
    };
    const keyFile = join(dataDir, 'config', 'id_ed25519'); // key files live in CONFIG_DIR
    mkdirSync(join(dataDir, 'config'), { recursive: true });
    writeFileSync(keyFile, sshd.privateKey, { mode: 0o600 });
    const remoteDir = join(sshd.remoteRoot, 'crash');

    const first = startCoreProcess(
      {
        seed: {
          destinations: [
            {
              id: 'sftp',
              host: sshd.host,
              port: sshd.port,
              username: sshd.username,
              remoteDir,
              privateKeyPath: keyFile,
            },
          ],
          streams: [
            {
              id: 'crash',
              name: 'Crash FM',
              streamUrl: icecast.url('/live.mp3'),
              destinationId: 'sftp',
            },
          ],
        },
        // a window long enough that the restart below (a new node process, slow on a busy
        // machine) stops the orphan well inside it
        record: { streamId: 'crash', seconds: 90 },
      },
      env,
    );
    const { pid, sessionId, windowStart, windowEnd } = await recordingOf(first);
    await first.waitFor(
      'audio',
      (l) => l.event === 'log' && /Audio is arriving/.test(String(l.message)),
    );
    await sleep(windowStart + 6000 - Date.now());

    const partsDir = join(dataDir, 'parts', sessionId);
    const part = join(partsDir, 'part-001.mka');
    const ffmpegPid = Number(readFileSync(join(partsDir, 'part-001.pid'), 'utf8'));
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    await first.child.exited;

    // the premise: ffmpeg outlived the engine and still writes the part
    expect(await procProcessControl.commandLine(ffmpegPid)).toContain(part);
    const sizeAtKill = statSync(part).size;
    // (the muxer writes in clusters: on a busy machine the next one can take a while)
    await waitUntil('the orphan to write on', () => statSync(part).size > sizeAtKill, {
      timeoutMs: 15_000,
      intervalMs: 100,
    });

    const { recovered, exitCode, lines } = await startRecovery(env);
    expect(recovered).toMatchObject({
      salvaging: [sessionId],
      failed: [],
      orphans: [{ pid: ffmpegPid, part, result: 'terminated' }],
    });
    // the orphan is gone the moment recovery reports
    expect(await procProcessControl.commandLine(ffmpegPid)).toBeUndefined();
    expect(await exitCode()).toBe(0);
    const restartDoneAt = Date.now();

    const logs = lines.filter((l) => l.event === 'log') as unknown as LogEntry[];
    expect(logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        sessionId,
        message: expect.stringMatching(new RegExp(`pid ${ffmpegPid}.*still writing`)),
      }),
    );
    expect(logs.some((l) => /marked partial/.test(l.message))).toBe(true);

    const s = await storedSession(dataDir, sessionId);
    expect(s).toMatchObject({
      status: 'COMPLETED',
      partial: true,
      transferStatus: 'COMPLETED',
      errorMessage: null,
    });
    // dated to when the orphan was stopped: after the kill, before the restart finished
    const endedAt = Date.parse(s!.endTime!);
    expect(endedAt).toBeGreaterThanOrEqual(killedAt - 1000);
    expect(endedAt).toBeLessThan(Math.min(restartDoneAt, windowEnd));
    const recordedSeconds = (endedAt - Date.parse(s!.startTime)) / 1000;
    expect(recordedSeconds).toBeGreaterThanOrEqual((killedAt - windowStart) / 1000 - 1);

    // delivered: decodes, lasts the time recorded (burst cut, nothing after the stop) less the
    // gaps (on a busy machine the connect can come after the window opened), tagged
    const remote = sshd.localPathOf(s!.remotePath!);
    expect(existsSync(remote)).toBe(true);
    const info = await expectMp3OfRecording(remote, s!, recordedSeconds);
    expect(info.format.tags?.title).toMatch(/^\d{4}-\d\d-\d\d Crash FM$/);
    expect(Number(info.format.tags?.track)).toBe(s!.trackNumber);
    expect(await decodesFully(remote)).toBe(true);
    // the raw parts are gone once the recording is safe; cleanup after transfer is on by default
    expect(existsSync(partsDir)).toBe(false);
  });
});

describe('crash recovery of a native capture', () => {
  it('after kill -9 mid-recording: the bare-frame part on disk is salvaged, tagged and delivered', async () => {
    const dataDir = join(dir, 'native-crash-data');
    const env = { DATA_DIR: dataDir, TZ: 'UTC', LOG_LEVEL: 'debug', NATIVE_CAPTURE: '1' };
    const first = startCoreProcess(
      {
        seed: {
          streams: [{ id: 'native', name: 'Native FM', streamUrl: icecast.url('/live.mp3') }],
        },
        record: { streamId: 'native', seconds: 90 },
      },
      env,
    );
    const { pid, sessionId, windowStart } = await recordingOf(first);
    await first.waitFor('native audio', (l) => /native capture/.test(String(l.message)));
    await first.waitFor('audio', (l) => /Audio is arriving/.test(String(l.message)));
    await sleep(windowStart + 6000 - Date.now());
    const partsDir = join(dataDir, 'parts', sessionId);
    // "Audio is arriving" is said as the first frames go to the file, before they are on disk;
    // on a busy machine the connect can come more than 6 s into the window, and a kill at that
    // moment found no part at all: the premise is audio on disk (2 s and more at 128 kb/s)
    const part = join(partsDir, 'part-001.mp3');
    await waitUntil('audio on disk', () => existsSync(part) && statSync(part).size >= 32 * 1024, {
      timeoutMs: 30_000,
      intervalMs: 50,
    });
    const killedAt = Date.now();
    process.kill(pid, 'SIGKILL');
    await first.child.exited;
    // the premise: a native part (bare MP3 frames), no process left writing it
    expect(readdirSync(partsDir)).toEqual(['part-001.mp3']);

    const { recovered, exitCode } = await startRecovery(env);
    expect(recovered).toMatchObject({ salvaging: [sessionId], failed: [], orphans: [] });
    expect(await exitCode()).toBe(0);

    const s = await storedSession(dataDir, sessionId);
    expect(s).toMatchObject({ status: 'COMPLETED', partial: true, errorMessage: null });
    // dated by the part's last write: the kill
    const endedAt = Date.parse(s!.endTime!);
    expect(Math.abs(endedAt - killedAt)).toBeLessThan(1500);
    const recordedSeconds = (endedAt - Date.parse(s!.startTime)) / 1000;
    const info = await expectMp3OfRecording(s!.outputFilePath!, s!, recordedSeconds);
    expect(info.format.tags?.title).toMatch(/^\d{4}-\d\d-\d\d Native FM$/);
    const errors = await runToCompletion(spawnRunner, 'ffmpeg', [
      ...['-v', 'error', '-i', s!.outputFilePath!, '-f', 'null', '-'],
    ]);
    expect(errors.stderr.trim()).toBe('');
  });
});

/**
 * A daily schedule (UTC) whose window opened at least 5 s ago (the run is a catch-up, not a start
 * a moment late) and lasts two minutes: at least 55 s of it is left, wherever in the minute the
 * test starts.
 */
function windowOpenNow(now = Date.now()) {
  const windowStart = Math.floor((now - 5000) / 60_000) * 60_000;
  const at = new Date(windowStart);
  return {
    cronExpression: `${at.getUTCMinutes()} ${at.getUTCHours()} * * *`,
    durationMinutes: 2,
    windowStart,
    windowEnd: windowStart + 120_000,
  };
}

describe('a schedule whose window is still open at start-up', () => {
  it('is recorded for the rest of its window after a restart', async () => {
    const window = windowOpenNow();
    const settings = loadSettings(
      { DATA_DIR: join(dir, 'catch-up'), TZ: 'UTC', NATIVE_CAPTURE: process.env.NATIVE_CAPTURE },
      dir,
    );
    const logs: LogEntry[] = [];
    const options = { env: { MIN_FREE_DISK_MB: '0' }, onLog: (e: LogEntry) => logs.push(e) };
    const sessionsOf = async (core: Core, scheduleId: string) =>
      (await core.db.reader.findBy(SessionEntity, { scheduleId })).sort((a, b) =>
        a.createdAt.localeCompare(b.createdAt),
      );

    const first = await createCore(settings, options);
    await seedStream(first.db, {
      id: 'hourly',
      name: 'Open Window FM',
      streamUrl: icecast.url('/live.mp3'),
    });
    const schedule = (await first.invoke('schedules.create', {
      streamId: 'hourly',
      cronExpression: window.cronExpression,
      timezone: 'UTC',
      durationMinutes: window.durationMinutes,
    })) as { id: string };
    // the app goes down (or the machine sleeps) while the schedule's window is open
    await first.stop();

    const restartedAt = Date.now();
    const second = await createCore(settings, options);
    try {
      // its next run is tomorrow: a session now can only be the rest of today's window
      const resumed = await waitUntil(
        'the rest of the window',
        async () => {
          const list = await sessionsOf(second, schedule.id);
          return list.length === 1 && list[0]!.status === 'RECORDING' ? list[0] : undefined;
        },
        { timeoutMs: 30_000, intervalMs: 50 },
      );
      expect(resumed.plannedDurationSeconds).toBe(120);
      expect(Date.parse(resumed.createdAt)).toBeGreaterThanOrEqual(restartedAt);
      expect(logs).toContainEqual(
        expect.objectContaining({
          sessionId: resumed.id,
          message: expect.stringMatching(/caught up after the app started/),
        }),
      );
      // stopped after 3 s of audio, however long connecting took
      await waitUntil(
        'audio',
        () => logs.some((l) => l.sessionId === resumed.id && /Audio is arriving/.test(l.message)),
        { timeoutMs: 30_000, intervalMs: 50 },
      );
      await sleep(3000);
      second.active.stop(resumed.id);
      const done = await waitUntil(
        'the resumed run to finish',
        async () => {
          const x = await second.sessions.get(resumed.id);
          return x.status === 'COMPLETED' ? x : undefined;
        },
        { timeoutMs: 60_000 },
      );
      // it recorded from the restart on (the recorder may connect up to 2 s early), inside the
      // window that opened before the restart
      expect(Date.parse(done.startTime)).toBeGreaterThanOrEqual(restartedAt - 2500);
      expect(Date.parse(done.startTime)).toBeLessThan(window.windowEnd);
      expect(done.partial).toBe(true);
      expect(done.durationSeconds).toBeGreaterThan(2);
      const info = await probe(spawnRunner, 'ffprobe', done.outputFilePath!);
      expect(Math.abs(Number(info.format.duration) - done.durationSeconds!)).toBeLessThanOrEqual(
        0.3,
      );
    } finally {
      await second.stop();
    }
  });
});

describe('disk guard on a full disk (tmpfs, needs root like the sshd test server)', () => {
  let mnt: string;
  let core: Core;
  const logs: LogEntry[] = [];

  beforeAll(async () => {
    mnt = join(dir, 'small-disk');
    mkdirSync(mnt);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', mnt]);
    const settings = loadSettings(
      {
        DATA_DIR: join(mnt, 'data'),
        RECORDINGS_DIR: join(mnt, 'recordings'),
        TZ: 'UTC',
        LOG_LEVEL: 'debug',
        NATIVE_CAPTURE: process.env.NATIVE_CAPTURE,
      },
      mnt,
    );
    // the core's own guard (500 MB by default) is off here: the test's monitor uses a threshold
    // that fits an 8 MB disk
    core = await createCore(settings, {
      onLog: (e) => logs.push(e),
      env: { MIN_FREE_DISK_MB: '0' },
    });
    await seedStream(core.db, { id: 'loud', name: 'Loud FM', streamUrl: icecast.url('/loud.mp3') });
  });

  afterAll(async () => {
    await core?.stop();
    if (mnt) execFileSync('umount', ['-l', mnt]);
  });

  it('stops the recording cleanly with DISK_FULL, leaves no broken file, and keeps the raw audio', async () => {
    const dataDir = join(mnt, 'data');
    const recordingsDir = join(mnt, 'recordings');
    const folders = { recordingsDir, partsDir: join(dataDir, 'parts') };
    const minFreeMb = 0.15;
    // leave the threshold plus about 10 s of 320 kb/s audio (plus the burst)
    const { freeBytes } = await statfsDiskSpace.free(mnt);
    writeFileSync(
      join(mnt, 'ballast'),
      Buffer.alloc(freeBytes - Math.round((minFreeMb + 0.5) * MB)),
    );
    await expect(
      assertDiskSpace({ folders, minFreeDiskMb: () => minFreeMb }),
    ).resolves.toBeUndefined();

    const monitor = startDiskMonitor({
      folders,
      minFreeDiskMb: () => minFreeMb,
      active: core.active,
      logger: core.logger,
      intervalMs: 1000,
    });
    let done: SessionRecord;
    const start = Math.ceil((Date.now() + 500) / 1000) * 1000;
    try {
      const run = await core.recordNow({
        streamId: 'loud',
        scheduleId: null,
        windowStart: start,
        windowEnd: start + 40_000,
      });
      done = await run.done;
    } finally {
      monitor.stop();
    }

    // stopped by the guard, long before the window's end, with a clear reason
    const stop = logs.find((l) => l.sessionId === done.id && l.message.startsWith('DISK_FULL:'));
    expect(stop).toMatchObject({ level: 'error' });
    expect(stop!.message).toMatch(
      /Only 0\.\d\d MB free .*minimum is 0\.15 MB, setting minFreeDiskMb.*stopped now/,
    );
    expect(Date.parse(done.endTime!) - start).toBeLessThan(25_000);
    expect(done.partial).toBe(true);
    // the captured audio needed more room than was left: processing failed, saying why
    expect(done).toMatchObject({ status: 'FAILED', transferStatus: 'SKIPPED' });
    expect(done.errorMessage).toMatch(/disk is full/i);
    expect(logs.some((l) => l.level === 'error' && /disk is full/i.test(l.message))).toBe(true);

    // no broken or temp file in the recordings folder; no join leftovers beside the parts
    const leftovers = existsSync(recordingsDir) ? readdirSync(recordingsDir) : [];
    for (const name of leftovers) {
      expect(name).toMatch(/\.mp3$/);
      expect(await decodesFully(join(recordingsDir, name))).toBe(true);
    }
    const partsDir = join(folders.partsDir, done.id);
    // one part (ffmpeg's .mka, or a native capture's .mp3)
    expect(readdirSync(partsDir)).toEqual([expect.stringMatching(/^part-001\.(?:mka|mp3)$/)]);
    // a new recording is refused while the disk is this full
    await expect(
      assertDiskSpace({ folders, minFreeDiskMb: () => minFreeMb }),
    ).rejects.toMatchObject({
      code: 'DISK_FULL',
      message: expect.stringMatching(/the recording was not started/),
    });

    // nothing was lost: with space again, the kept parts still make the recording
    rmSync(join(mnt, 'ballast'));
    await core.sessions.update(done.id, { status: 'PROCESSING' });
    const deps: PipelineDeps = {
      db: core.db,
      sessions: core.sessions,
      events: core.events,
      logger: core.logger,
      clock: systemClock,
      runner: spawnRunner,
      ffmpeg: locateFfmpeg(),
      active: core.active,
      folders,
      timeZone: 'UTC',
      record: recordWindow,
      process: processRecording,
      minFreeDiskMb: () => 0,
      onReadyToTransfer: () => core.transfers.kick(),
    };
    const result = await recoverSessions(createRecoveryDeps(deps));
    const [again] = await result.done;
    expect(again).toMatchObject({ id: done.id, status: 'COMPLETED' });
    expect(again!.outputFilePath?.startsWith(recordingsDir)).toBe(true);
    expect(await decodesFully(again!.outputFilePath!)).toBe(true);
    const seconds = Number((await ffprobe(again!.outputFilePath!)).format.duration);
    expect(seconds).toBeGreaterThan(5);
    expect(Math.abs(seconds - (Date.parse(done.endTime!) - start) / 1000)).toBeLessThanOrEqual(1.5);
  });
});
