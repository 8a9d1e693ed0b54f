import { afterEach, describe, expect, it } from 'vitest';
import type { AlertPayload } from '../../contract/alerts';
import type { Database } from '../db/database';
import { createRepositories } from '../db/repositories';
import type { ProcessRunner } from '../ffmpeg/process';
import { ScheduleCatalog } from '../scheduler/schedule-catalog';
import { repositoryScheduleSource } from '../scheduler/schedule-spec';
import { seedDestination, seedStream, testDatabase } from '../pipeline/test-fixtures';
import { systemClock } from '../ports/clock';
import { memoryLogger } from '../ports/logger';
import type { SftpClientFactory } from '../transfer/sftp-client';
import { corePreflightPorts } from './core-ports';

let db: Database | undefined;
afterEach(async () => {
  await db?.close();
  db = undefined;
});

const t = '2026-11-24T00:00:00.000Z';
const noProcesses: ProcessRunner = {
  start: () => {
    throw new Error('no process should start in this test');
  },
};
const noSsh: SftpClientFactory = () => {
  throw new Error('no SSH connection should be made in this test');
};

async function setup() {
  db = await testDatabase();
  const repos = createRepositories(db);
  const alerts: AlertPayload[] = [];
  const ports = corePreflightPorts({
    repos,
    schedules: new ScheduleCatalog(repositoryScheduleSource(repos.schedules, 'Europe/Berlin')),
    runner: noProcesses,
    ffprobePath: 'ffprobe',
    configDir: '/nonexistent-config',
    timeZone: 'Europe/Berlin',
    notify: async (payload) => {
      alerts.push(payload);
      return 1;
    },
    clock: systemClock,
    logger: memoryLogger(),
    clientFactory: noSsh,
  });
  return { db, repos, ports, alerts };
}

describe('corePreflightPorts', () => {
  it('reads the active schedules (the app’s zone for those without one) and a stream with its destination', async () => {
    const { db, repos, ports } = await setup();
    await seedDestination(db, { id: 'dest-1', host: 'sftp.example', port: 2222 });
    await seedStream(db, {
      id: 'morning',
      name: 'Morning Show',
      streamUrl: 'http://radio.example/live.mp3',
      fallbackUrls: ['http://backup.example/live.mp3'],
      destinationId: 'dest-1',
    });
    await seedStream(db, { id: 'local', name: 'Kept locally' });
    const schedule = {
      name: null,
      streamId: 'morning',
      cronExpression: '0 7 * * *',
      durationMinutes: 60,
      padBeforeSeconds: 30,
      padAfterSeconds: 0,
      maxRetries: 3,
      lastRunTime: null,
      createdAt: t,
      updatedAt: t,
    };
    await repos.schedules.insert({ ...schedule, id: 'on', timezone: null, isActive: true });
    await repos.schedules.insert({ ...schedule, id: 'off', timezone: 'UTC', isActive: false });

    expect(await ports.schedules()).toMatchObject([
      { id: 'on', streamId: 'morning', timeZone: 'Europe/Berlin', padBeforeSeconds: 30 },
    ]);
    expect(await ports.target('morning')).toEqual({
      stream: {
        id: 'morning',
        name: 'Morning Show',
        streamUrl: 'http://radio.example/live.mp3',
        fallbackUrls: ['http://backup.example/live.mp3'],
      },
      destination: { id: 'dest-1', host: 'sftp.example', port: 2222 },
    });
    expect((await ports.target('local'))?.destination).toBeNull();
    expect(await ports.target('gone')).toBeNull();
  });

  it('a destination without a key, or one deleted meanwhile, is the test’s failed answer', async () => {
    const { db, ports } = await setup();
    await seedDestination(db, { id: 'keyless', name: 'Keyless' });
    expect(await ports.testDestination('keyless')).toMatchObject({
      ok: false,
      code: 'SSH_AUTH_FAILED',
      error: expect.stringContaining('Keyless has no private key') as string,
    });
    // in words, not by the deleted destination's id
    expect(await ports.testDestination('deleted')).toMatchObject({
      ok: false,
      code: 'NOT_FOUND',
      error: 'The stream’s destination no longer exists.',
    });
  });

  it('notify hands the alert to the delivery', async () => {
    const { ports, alerts } = await setup();
    const payload = { event: 'preflight.failed', at: t, message: 'm' } as AlertPayload;
    await ports.notify(payload);
    expect(alerts).toEqual([payload]);
  });
});
