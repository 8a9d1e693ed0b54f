/**
 * Test support: a destination as the core answers it (DestinationDto: the key and passphrase only
 * as flags), for the renderer's tests (through the @contract alias). A test passes in `patch` only
 * what it is about. Not exported from the contract's index.
 */
import type { DestinationDto } from '../operations/destinations';

/** `d1` "Archive": sftp.example.com:2222, with a stored key, no passphrase, no pinned host key. */
export function destinationDto(patch: Partial<DestinationDto> = {}): DestinationDto {
  return {
    id: 'd1',
    name: 'Archive',
    host: 'sftp.example.com',
    port: 2222,
    username: 'rec',
    remoteDir: '/srv/rec',
    hasPrivateKey: true,
    privateKeyPath: null,
    hasPassphrase: false,
    hostKeyFingerprint: null,
    publicBaseUrl: null,
    transferMode: 'fastPut',
    createdAt: '2026-11-24T06:00:00.000Z',
    updatedAt: '2026-11-24T06:00:00.000Z',
    ...patch,
  };
}
