import { execFile } from 'node:child_process';
import { connect } from 'node:net';
import { chmod, chown, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, isAbsolute, join, posix } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './free-port';
import { spawnTracked, type TrackedChild } from './processes';
import { sleep } from './wait';

const run = promisify(execFile);

const SSHD = '/usr/sbin/sshd';
const SSH_KEYGEN = 'ssh-keygen';
/** Dedicated key-only account the test server lets in (created once, kept across runs). */
export const SFTP_TEST_USER = 'asr-sftp';

export interface ClientKey {
  /** The private key file's text (OpenSSH or PEM format). */
  privateKey: string;
  privateKeyPath: string;
  publicKey: string;
  passphrase?: string;
}

export interface SshdServer {
  readonly host: '127.0.0.1';
  readonly port: number;
  readonly username: string;
  /** Unencrypted ed25519 key (OpenSSH format) listed in authorized_keys. */
  readonly privateKey: string;
  readonly privateKeyPath: string;
  /** RSA key in PEM format, encrypted with `passphrase`, also listed in authorized_keys. */
  readonly encryptedKey: ClientKey & { passphrase: string };
  /** Absolute path of a directory the user may write to (no chroot: remote path = local path). */
  readonly remoteRoot: string;
  /** The current host key's fingerprint, `SHA256:…` exactly as `ssh-keygen -lf` prints it. */
  readonly hostKeyFingerprint: string;
  /** The local file behind a remote path (identity for absolute paths; relative = from home). */
  localPathOf(remotePath: string): string;
  /** Stops the listener and every connection it spawned. The port stays reserved for start(). */
  stop(): Promise<void>;
  /** Starts again on the same port (after stop()), e.g. to end a simulated outage. */
  start(): Promise<void>;
  /**
   * Replaces the host key with a new one and returns its fingerprint. Restart (stop, start) to be
   * sure it is in effect; OpenSSH 9.2 re-executes itself per connection and may present the new
   * key to new connections at once.
   */
  regenerateHostKey(): Promise<string>;
  /** Stops the server and removes its temp directory. */
  dispose(): Promise<void>;
}

/** `SHA256:…` of a public key file as `ssh-keygen -lf` prints it. */
export async function fingerprintOfKeyFile(publicKeyPath: string): Promise<string> {
  const { stdout } = await run(SSH_KEYGEN, ['-l', '-E', 'sha256', '-f', publicKeyPath]);
  const fingerprint = stdout.trim().split(/\s+/)[1];
  if (!fingerprint?.startsWith('SHA256:'))
    throw new Error(`unexpected ssh-keygen -l output: ${stdout}`);
  return fingerprint;
}

/**
 * Generates a client key pair in `dir` with ssh-keygen. `type` ed25519 (OpenSSH format) or rsa
 * (PEM format, as older tools write it); with `passphrase` the private key is encrypted.
 */
export async function generateClientKey(
  dir: string,
  name: string,
  options: { type?: 'ed25519' | 'rsa'; passphrase?: string } = {},
): Promise<ClientKey> {
  const privateKeyPath = join(dir, name);
  const type = options.type ?? 'ed25519';
  const args = ['-q', '-t', type, '-N', options.passphrase ?? '', '-C', name, '-f', privateKeyPath];
  if (type === 'rsa') args.push('-b', '2048', '-m', 'PEM');
  await run(SSH_KEYGEN, args);
  const key: ClientKey = {
    privateKey: await readFile(privateKeyPath, 'utf8'),
    privateKeyPath,
    publicKey: (await readFile(`${privateKeyPath}.pub`, 'utf8')).trim(),
  };
  if (options.passphrase !== undefined) key.passphrase = options.passphrase;
  return key;
}

async function ensureUser(name: string): Promise<{ uid: number; gid: number; home: string }> {
  const lookup = async () => {
    const passwd = await readFile('/etc/passwd', 'utf8');
    const line = passwd.split('\n').find((l) => l.startsWith(`${name}:`));
    if (!line) return undefined;
    const fields = line.split(':');
    return { uid: Number(fields[2]), gid: Number(fields[3]), home: fields[5] ?? '/' };
  };
  let user = await lookup();
  if (!user) {
    try {
      await run('useradd', ['-m', '-s', '/usr/sbin/nologin', '-c', 'SFTP test user', name]);
    } catch (err) {
      // exit code 9: created meanwhile by a concurrent test process
      if ((err as { code?: number }).code !== 9) throw err;
    }
    user = await lookup();
    if (!user) throw new Error(`could not create the test user ${name}`);
  }
  // useradd leaves the account locked ('!'), which sshd refuses without PAM; '*' = no password
  // but not locked. Idempotent.
  await run('usermod', ['-p', '*', name]);
  return user;
}

/** Whether the sshd on `port` answers with a banner carrying `marker` (its VersionAddendum). */
function acceptsConnections(port: number, marker: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(500, () => done(false));
    // sshd speaks first: its version banner proves it is sshd and ready, not just a bound port,
    // and the marker that it is this test's sshd, not another that took the port first
    socket.once('data', (chunk) => {
      const banner = chunk.toString('latin1');
      done(banner.startsWith('SSH-') && banner.includes(marker));
    });
    socket.once('error', () => done(false));
  });
}

/** Every process descending from `pid` (per-connection sshd children), from /proc. */
async function descendantsOf(pid: number): Promise<number[]> {
  const parentOf = new Map<number, number>();
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = await readFile(`/proc/${entry}/stat`, 'utf8');
      // "pid (comm) state ppid …": comm may contain spaces, so split after the last ')'
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parentOf.set(Number(entry), ppid);
    } catch {
      // the process ended while we looked
    }
  }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift()!;
    for (const [child, ppid] of parentOf) {
      if (ppid === parent) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/**
 * Starts a real OpenSSH server on 127.0.0.1:<free port> for tests, as root, with its own host key
 * (ed25519) in a temp directory and one key-only user (`asr-sftp`) whose only command is
 * internal-sftp. No chroot: `remoteRoot` is a user-owned directory inside the temp dir, so remote
 * paths are local paths. StrictModes is off because the temp dir lives under the world-writable
 * /tmp. Resolves once sshd sends its banner.
 */
export async function startSshd(): Promise<SshdServer> {
  if (process.getuid?.() !== 0) {
    throw new Error(
      'startSshd runs OpenSSH as root (it needs a dedicated user); run tests as root',
    );
  }
  const user = await ensureUser(SFTP_TEST_USER);
  await mkdir('/run/sshd', { recursive: true, mode: 0o755 }); // privilege separation directory

  const dir = await mkdtemp(join(tmpdir(), 'asr-sshd-'));
  await chmod(dir, 0o755); // the user must traverse it to reach remoteRoot
  const remoteRoot = join(dir, 'remote');
  await mkdir(remoteRoot);
  await chown(remoteRoot, user.uid, user.gid);

  const hostKeyPath = join(dir, 'ssh_host_ed25519_key');
  const newHostKey = async () => {
    await rm(hostKeyPath, { force: true });
    await rm(`${hostKeyPath}.pub`, { force: true });
    await run(SSH_KEYGEN, [
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'asr-test-host',
      '-f',
      hostKeyPath,
    ]);
    return fingerprintOfKeyFile(`${hostKeyPath}.pub`);
  };
  let hostKeyFingerprint = await newHostKey();

  const clientKey = await generateClientKey(dir, 'client_ed25519');
  const encryptedKey = await generateClientKey(dir, 'client_rsa_pem', {
    type: 'rsa',
    passphrase: 'correct horse battery staple',
  });
  const authorizedKeys = join(dir, 'authorized_keys');
  await writeFile(authorizedKeys, `${clientKey.publicKey}\n${encryptedKey.publicKey}\n`, {
    mode: 0o644,
  });

  const configPath = join(dir, 'sshd_config');
  const writeConfig = (port: number) =>
    writeFile(
      configPath,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKeyPath}`,
        `PidFile ${join(dir, 'sshd.pid')}`,
        `AuthorizedKeysFile ${authorizedKeys}`,
        'StrictModes no',
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'PermitRootLogin no',
        'UsePAM no',
        `AllowUsers ${SFTP_TEST_USER}`,
        'Subsystem sftp internal-sftp',
        'ForceCommand internal-sftp',
        'AllowTcpForwarding no',
        'X11Forwarding no',
        'PrintMotd no',
        'MaxStartups 50',
        'LogLevel INFO',
        `VersionAddendum ${basename(dir)}`,
        '',
      ].join('\n'),
      { mode: 0o600 },
    );

  let port = 0;
  let child: TrackedChild | undefined;

  const launch = async (): Promise<void> => {
    const proc = spawnTracked(SSHD, ['-D', '-e', '-f', configPath]);
    child = proc;
    const deadline = Date.now() + 10_000;
    for (;;) {
      if (proc.hasExited) throw new Error(`sshd exited at start:\n${proc.log()}`);
      if (await acceptsConnections(port, basename(dir))) return;
      if (Date.now() > deadline) {
        await proc.stop();
        throw new Error(`sshd did not accept connections on port ${port}:\n${proc.log()}`);
      }
      await sleep(50);
    }
  };

  const stop = async (): Promise<void> => {
    const proc = child;
    child = undefined;
    if (!proc || proc.hasExited) return;
    const pid = proc.child.pid;
    const connections = pid === undefined ? [] : await descendantsOf(pid);
    for (const c of connections) killQuietly(c, 'SIGTERM');
    await proc.stop(2000);
    for (const c of connections) killQuietly(c, 'SIGKILL');
  };

  // The port is picked just before sshd binds it; retry if another process took it meanwhile.
  for (let attempt = 1; ; attempt++) {
    port = await freePort();
    await writeConfig(port);
    try {
      await launch();
      break;
    } catch (err) {
      if (attempt >= 3) {
        await rm(dir, { recursive: true, force: true });
        throw err;
      }
    }
  }

  return {
    host: '127.0.0.1',
    get port() {
      return port;
    },
    username: SFTP_TEST_USER,
    privateKey: clientKey.privateKey,
    privateKeyPath: clientKey.privateKeyPath,
    encryptedKey: { ...encryptedKey, passphrase: encryptedKey.passphrase ?? '' },
    remoteRoot,
    get hostKeyFingerprint() {
      return hostKeyFingerprint;
    },
    localPathOf: (remotePath) =>
      isAbsolute(remotePath) ? remotePath : posix.join(user.home, remotePath),
    stop,
    async start() {
      if (child && !child.hasExited) return;
      await launch();
    },
    async regenerateHostKey() {
      hostKeyFingerprint = await newHostKey();
      return hostKeyFingerprint;
    },
    async dispose() {
      await stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
