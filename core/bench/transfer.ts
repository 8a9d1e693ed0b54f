// Transfer: one file over SFTP on loopback to the test OpenSSH server (its own host key, key-only
// user, internal-sftp): the app's uploader (worker; fastPut, and the streamed put it falls back
// to) against OpenSSH's own `sftp -b` put of the same file with the same key to the same sshd.
import { randomBytes } from 'node:crypto';
import { open, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SshdServer } from '../test-support/sshd';
import type { BenchContext, Benchmark } from './harness/context';
import { bareTimed } from './harness/bare';
import type { SelfUsage } from './harness/proc';
import { ratioOf } from './harness/stats';
import { fmt, type Row } from './harness/table';
import { runSampled } from './harness/workers';
import type { UploadFileCommand } from './workers/upload-file';

interface Sent {
  seconds: number;
  cpuSeconds: number;
  peakRssBytes: number;
}

async function randomFile(path: string, bytes: number): Promise<void> {
  const file = await open(path, 'w');
  try {
    const chunk = 16 * 1024 * 1024;
    for (let done = 0; done < bytes; done += chunk) {
      await file.write(randomBytes(Math.min(chunk, bytes - done)));
    }
  } finally {
    await file.close();
  }
}

async function appUpload(
  sshd: SshdServer,
  localPath: string,
  mode: 'fastPut' | 'put',
  k: number,
): Promise<Sent> {
  const remoteDir = join(sshd.remoteRoot, 'app');
  const command: UploadFileCommand = {
    host: sshd.host,
    port: sshd.port,
    username: sshd.username,
    privateKeyPath: sshd.privateKeyPath,
    remoteDir,
    localPath,
    fileName: `${mode}-${k}.bin`,
    mode,
  };
  const { done, peakRssBytes } = await runSampled<{
    event: 'done';
    wallMs: number;
    usage: SelfUsage;
    result: { remotePath: string; transferMode: string };
  }>('upload-file', command);
  if (done.result.transferMode !== mode) {
    throw new Error(`the upload used ${done.result.transferMode}, not ${mode}`);
  }
  await rm(sshd.localPathOf(done.result.remotePath), { force: true });
  return {
    seconds: done.wallMs / 1000,
    cpuSeconds: done.usage.selfCpuSeconds + done.usage.childrenCpuSeconds,
    peakRssBytes,
  };
}

async function sftpPut(
  ctx: BenchContext,
  sshd: SshdServer,
  localPath: string,
  k: number,
): Promise<Sent> {
  const remote = join(sshd.remoteRoot, `sftp-${k}.bin`);
  const batch = join(ctx.tmp, `sftp-batch-${k}`);
  await writeFile(batch, `put "${localPath}" "${remote}"\n`);
  const timed = await bareTimed({
    bin: 'sftp',
    args: [
      ...['-b', batch, '-i', sshd.privateKeyPath, '-P', String(sshd.port)],
      ...['-o', 'BatchMode=yes', '-o', 'StrictHostKeyChecking=no'],
      ...['-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR'],
      `${sshd.username}@${sshd.host}`,
    ],
  });
  await rm(remote, { force: true });
  return {
    seconds: timed.wallSeconds,
    cpuSeconds: timed.cpuSeconds,
    peakRssBytes: timed.peakRssBytes,
  };
}

export const transfer: Benchmark = {
  name: 'transfer',
  title: 'SFTP transfer against OpenSSH sftp',
  async run(ctx) {
    const bytes = (ctx.quick ? 20 : 1024) * 1024 * 1024;
    const reps = ctx.quick ? 1 : 2;
    const sshd = await ctx.sshd();
    const file = join(ctx.tmp, 'transfer.bin');
    await randomFile(file, bytes);
    const runs: { sftp: Sent[]; fastPut: Sent[]; put: Sent[] } = { sftp: [], fastPut: [], put: [] };
    // alternate, so that a noisy moment does not fall on one side only
    for (let k = 1; k <= reps; k++) {
      runs.sftp.push(await sftpPut(ctx, sshd, file, k));
      runs.fastPut.push(await appUpload(sshd, file, 'fastPut', k));
      runs.put.push(await appUpload(sshd, file, 'put', k));
    }
    await rm(file, { force: true });
    // the best run of each side (a busy moment on this shared machine slows one run down)
    const rate = (list: Sent[]) => bytes / Math.min(...list.map((x) => x.seconds));
    const cpu = (list: Sent[]) => Math.min(...list.map((x) => x.cpuSeconds));
    const base = rate(runs.sftp);
    const size = ctx.quick ? '20 MB' : '1 GB';
    const s = 'transfer';
    const row = (mode: 'fastPut' | 'put', goal: boolean): Row => {
      const r = ratioOf(rate(runs[mode]), base);
      return {
        section: s,
        measure: `${size} over SFTP (loopback): ${mode}${reps > 1 ? `, best of ${reps}` : ''}`,
        app: fmt.rate(rate(runs[mode])),
        baseline: `${fmt.rate(base)} (sftp put)`,
        ratio: fmt.ratio(r),
        goal: goal ? '≥ 0.80×' : '— (fallback)',
        met: goal ? r !== undefined && r >= 0.8 : null,
        values: { app: rate(runs[mode]), baseline: base, ratio: r, unit: 'bytes/s' },
      };
    };
    const rCpu = ratioOf(cpu(runs.fastPut), cpu(runs.sftp));
    const rows: Row[] = [
      row('fastPut', true),
      row('put', false),
      {
        section: s,
        measure: `${size} over SFTP: CPU, fastPut (app) vs sftp + ssh`,
        app: fmt.seconds(cpu(runs.fastPut), 1),
        baseline: fmt.seconds(cpu(runs.sftp), 1),
        ratio: fmt.ratio(rCpu),
        goal: '—',
        met: null,
        values: { app: cpu(runs.fastPut), baseline: cpu(runs.sftp), ratio: rCpu, unit: 'cpu-s' },
      },
    ];
    return { rows, raw: { bytes, reps, runs } };
  },
};
