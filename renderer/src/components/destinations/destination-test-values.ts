/**
 * Test support for the destination form's tests: a private key and a host key fingerprint, and
 * what the form sends for the "Archive" destination of @contract/testing/destination-fixtures
 * (sftp.example.com, user rec, /srv/rec).
 */

/** An OpenSSH private key (as pasted or read from a file). */
export const PEM =
  '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\n-----END OPENSSH PRIVATE KEY-----\n';

/** A server's host key fingerprint. */
export const HOST_KEY = 'SHA256:kvoQMJTedD1giukp6v7FCtFUl4A1DbhQrqXKecBz/X4';

/** The fields typed to fill the form as "Archive" (no port: 22). */
export const ARCHIVE_VALUES = {
  name: 'Archive',
  host: 'sftp.example.com',
  username: 'rec',
  remoteDir: '/srv/rec',
} as const;

/** What a new "Archive" with the pasted key sends (create or test): nothing pinned, no web address. */
export function archiveCreateInput(port = 22) {
  return {
    name: 'Archive',
    host: 'sftp.example.com',
    port,
    username: 'rec',
    remoteDir: '/srv/rec',
    privateKey: PEM,
    hostKeyFingerprint: '',
    publicBaseUrl: '',
  };
}

/** What renaming the stored "Archive" (d1, port 2222) to "Renamed" sends: no secret, `pin`. */
export function renamedArchiveUpdateInput(pin: string) {
  return {
    id: 'd1',
    name: 'Renamed',
    host: 'sftp.example.com',
    port: 2222,
    username: 'rec',
    remoteDir: '/srv/rec',
    hostKeyFingerprint: pin,
    publicBaseUrl: '',
  };
}

/** Fills the form as the new "Archive" (`port` typed when given) with the pasted key, by `type`. */
export async function typeArchive(
  type: (testid: string, value: string) => Promise<void>,
  port?: string,
): Promise<void> {
  await type('destination-name', 'Archive');
  await type('destination-host', 'sftp.example.com');
  if (port !== undefined) await type('destination-port', port);
  await type('destination-username', 'rec');
  await type('destination-remote-dir', '/srv/rec');
  await type('destination-private-key', PEM);
}
