// The headless server: `node dist/server/main.js` (the container) or `npm start`.
// Settings come from the environment (README, "Configuration"). Wires; decides nothing.
import { AppError } from '../contract';
import { loadSettings } from '../src/config/settings';
import { createCore, type Core } from '../src/create-core';
import { buildServer } from './build-server';
import { defaultRendererDir } from './static/renderer';
import { acquireInstanceLock, type InstanceLock } from './startup/instance-lock';
import { coreMetricsEndpoint } from './startup/metrics-endpoint';
import { listenFailure, reservePort } from './startup/port';
import { installShutdown } from './startup/shutdown';
import { StartupError } from './startup/startup-error';
import { printLogEntry } from './startup/stdout-log';
import { readTlsFiles } from './startup/tls';

process.setSourceMapsEnabled(true);
const say = (message: string) =>
  process.stdout.write(`${new Date().toISOString()} INFO  ${message}\n`);

// `npm start` (scripts/start.mjs) runs this with an IPC channel: when the launcher ends, even by
// SIGKILL, the channel closes and the server stops like on SIGTERM. The channel itself keeps
// nothing alive. Its stdout may then be a pipe nobody reads: a failed write is not a crash (the
// log file has everything).
const launcher = process.channel ? process : undefined;
process.channel?.unref();
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);

async function main(): Promise<void> {
  const settings = loadSettings();
  const https = readTlsFiles(settings);
  const { host, webPort: port } = settings;
  const reservation = await reservePort(host, port);
  let core: Core | undefined;
  let lock: InstanceLock | undefined;
  try {
    lock = await acquireInstanceLock(settings.dataDir, { log: say });
    core = await createCore(settings, { onLog: printLogEntry });
    const app = await buildServer(core, {
      https,
      rendererDir: defaultRendererDir(import.meta.url),
      metrics: coreMetricsEndpoint(core),
    });
    await reservation.release();
    await app.listen({ host, port }).catch((error: unknown) => {
      throw listenFailure(error, host, port);
    });
    say(`Listening on ${https ? 'https' : 'http'}://${host}:${port} (data: ${settings.dataDir}).`);
    const running = core;
    const held = lock;
    installShutdown({
      parent: launcher,
      stop: async () => {
        // a start meanwhile (the port is free at once) waits for this one to finish
        held.markStopping();
        // stop accepting (event streams end); slow downloads are not waited for long
        await Promise.race([app.close(), new Promise((r) => setTimeout(r, 3000))]);
        await running.stop();
      },
      log: say,
      exit: (code) => process.exit(code),
    });
    process.on('unhandledRejection', (reason) => {
      running.logger.error(`Unhandled rejection: ${(reason as Error)?.stack ?? String(reason)}`);
    });
  } catch (error) {
    await reservation.release();
    await core?.stop().catch(() => undefined);
    lock?.release();
    throw error;
  }
}

main().catch((error: unknown) => {
  const expected = error instanceof StartupError || error instanceof AppError;
  const message = expected ? error.message : ((error as Error)?.stack ?? String(error));
  process.stderr.write(`Audio Stream Recorder cannot start: ${message}\n`);
  process.exit(1);
});
