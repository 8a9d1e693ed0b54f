import ssh2 from 'ssh2';

type KeyOptions = Parameters<typeof ssh2.utils.generateKeyPairSync>[1];

/**
 * An ed25519 key pair from ssh2's generator, checked before use: about one generated key in a
 * few hundred is malformed (ssh-keygen refuses it too: "error in libcrypto"), which made tests
 * fail at random. Test-only.
 */
export function testKeyPair(options?: KeyOptions & { passphrase?: string }): {
  private: string;
  public: string;
} {
  for (let i = 0; i < 20; i++) {
    const pair = options
      ? ssh2.utils.generateKeyPairSync('ed25519', options)
      : ssh2.utils.generateKeyPairSync('ed25519');
    if (!(ssh2.utils.parseKey(pair.private, options?.passphrase) instanceof Error)) return pair;
  }
  throw new Error('ssh2 generated no usable test key in 20 tries');
}
