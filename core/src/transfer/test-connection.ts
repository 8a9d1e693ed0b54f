import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { isAppError, type ErrorCode } from '../../contract';
import type { Connection, SftpDestination } from './connection';
import { remoteFolderOf } from './remote-folder';
import { createHostKeyCheck } from './host-key';
import { openOneOffConnection, type OneOffConnectionDeps } from './one-off-connection';
import { remoteJoin } from './remote-name';

export interface DestinationTestResult {
  ok: boolean;
  /** The server's host key fingerprint, whenever the handshake got that far. */
  hostKeyFingerprint?: string;
  /** What is wrong, as a sentence saying what to check. */
  error?: string;
  /** The error's code, for the UI (not in the HTTP contract's minimum, but harmless). */
  code?: ErrorCode;
}

export type TestDestinationDeps = OneOffConnectionDeps;

const PROBE = Buffer.from('Audio Stream Recorder write test\n');

/**
 * For `POST /api/destinations/:id/test`: connects (verifying the pinned host key, if any),
 * creates remoteDir (`mkdir -p`) and checks that it is writable by writing, checking and deleting
 * a small probe file. Never throws: failures come back as `{ ok: false, error, code }`.
 */
export async function testDestination(
  destination: SftpDestination,
  deps: TestDestinationDeps,
): Promise<DestinationTestResult> {
  const dir = remoteFolderOf(destination);
  const probe = remoteJoin(dir, `.asr-write-test-${randomBytes(6).toString('hex')}`);
  const hostKey = createHostKeyCheck(destination.hostKeyFingerprint);
  let conn: Connection | undefined;
  try {
    conn = await openOneOffConnection(destination, deps, hostKey);
    const c = conn;
    await c.call(`creating ${dir}`, (client) => client.mkdir(dir, true));
    await c.call(`writing ${probe}`, (client) => client.put(Readable.from([PROBE]), probe, {}));
    const { size } = await c.call(`checking ${probe}`, (client) => client.stat(probe));
    await c.call(`deleting ${probe}`, (client) => client.delete(probe));
    if (size !== PROBE.length) {
      return {
        ok: false,
        hostKeyFingerprint: c.hostKey.observed(),
        code: 'TRANSFER_SIZE_MISMATCH',
        error: `A test file written to ${dir} on ${c.where} came back with ${size} bytes instead of ${PROBE.length}.`,
      };
    }
    deps.logger.info(`Destination ${c.where}: connected, ${dir} is writable`);
    return { ok: true, hostKeyFingerprint: c.hostKey.observed() };
  } catch (err) {
    const error =
      conn?.classify(err, { action: `Writing a test file to ${dir}` }) ??
      (isAppError(err) ? err : undefined);
    if (conn?.alive)
      await conn.call('cleanup', (client) => client.delete(probe)).catch(() => undefined);
    const message = error?.message ?? 'The destination test failed for an unknown reason.';
    deps.logger.warn(`Destination test failed: ${message}`);
    const fingerprint = hostKey.observed();
    return {
      ok: false,
      ...(fingerprint ? { hostKeyFingerprint: fingerprint } : {}),
      error: message,
      code: error?.code ?? 'TRANSFER_FAILED',
    };
  } finally {
    await conn?.close();
  }
}
