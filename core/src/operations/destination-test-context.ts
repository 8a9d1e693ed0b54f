// Shared by the destination operations' tests: their keys, a form's fields and a fresh context.
import { afterEach, beforeEach } from 'vitest';
import { testKeyPair } from '../../test-support/ssh-keys';
import { FakeSftpServer } from '../transfer/testing/fake-sftp-client';
import { createDestinationOperations } from './destinations';
import { createTestContext, type TestContext } from './resource-test-context';

export const plainKey = testKeyPair();
export const PASSPHRASE = 'correct horse battery staple';
export const encryptedKey = testKeyPair({
  passphrase: PASSPHRASE,
  cipher: 'aes256-ctr',
  rounds: 2,
});

/** A destination's fields besides its key. */
export const base = {
  name: 'Archive',
  host: 'sftp.example.com',
  username: 'radio',
  remoteDir: '/srv/in',
};

/** The destination operations over a new test context, testing against a new fake SFTP server. */
export async function destinationOps(): Promise<{ server: FakeSftpServer; t: TestContext }> {
  const server = new FakeSftpServer();
  const t = await createTestContext(
    createDestinationOperations({ clientFactory: () => server.factory }),
  );
  return { server, t };
}

/**
 * Gives each test of the file its own destination operations (`use` receives them before the
 * test) and closes them after it.
 */
export function destinationOpsEachTest(
  use: (ops: { server: FakeSftpServer; t: TestContext }) => void,
): void {
  let t: TestContext | undefined;
  beforeEach(async () => {
    const ops = await destinationOps();
    t = ops.t;
    use(ops);
  });
  afterEach(async () => {
    await t?.close();
  });
}
