import { AppError } from '../../contract';
import { hostKeyMismatchError, type HostKeyCheck } from './host-key';
import { OperationTimeoutError } from './time-limits';

export interface FailureContext {
  host: string;
  port: number;
  username: string;
  /** connect: TCP, handshake, authentication, opening SFTP; transfer: everything after. */
  phase: 'connect' | 'transfer';
  /** The remote path being worked on, named in the message. */
  remotePath?: string;
  /** What was being done, for the message (default: "SFTP transfer"). */
  action?: string;
  hostKey: HostKeyCheck;
  /** Private key and passphrase: removed from any text that ends up in a message. */
  secrets: readonly (string | Buffer | undefined)[];
}

const UNREACHABLE_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ETIMEDOUT: 'connection timed out',
  EHOSTUNREACH: 'no route to host',
  ENETUNREACH: 'network unreachable',
  EHOSTDOWN: 'host is down',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection closed',
  ENOTFOUND: 'host name not found',
  EAI_AGAIN: 'host name lookup failed',
};

const SFTP_STATUS_HINTS: Record<number, string> = {
  2: 'no such file or directory',
  3: 'permission denied: check that the user may write to the remote directory',
  4: 'the server reported a failure (a full disk or quota, or a name that already exists)',
  8: 'the server does not support this operation',
};

const PEM_BLOCK = /-----BEGIN [^-]*-----[\s\S]*?(-----END [^-]*-----|$)/g;

/** `text` without PEM blocks and without any of the given secrets. */
export function redact(text: string, secrets: FailureContext['secrets']): string {
  let out = text.replace(PEM_BLOCK, '[redacted key]');
  for (const secret of secrets) {
    const value = Buffer.isBuffer(secret) ? secret.toString('utf8') : secret;
    if (value && value.length >= 4) out = out.split(value).join('[redacted]');
  }
  return out;
}

function describe(err: unknown): { message: string; code?: string | number; level?: string } {
  if (err instanceof Error) {
    const { code, level } = err as Error & { code?: string | number; level?: string };
    return { message: err.message, code, level };
  }
  return { message: String(err) };
}

/**
 * Turns whatever an SFTP attempt threw into an AppError with a code and a plain sentence saying
 * what to check. Messages name host:port and the remote path, never key material or passphrases.
 *   refused / timed out / unresolvable host (while connecting) → SSH_UNREACHABLE
 *   key refused, unreadable key or wrong passphrase            → SSH_AUTH_FAILED
 *   host key other than the pinned one                          → HOST_KEY_MISMATCH
 *   anything else                                               → TRANSFER_FAILED
 */
export function classifyTransferError(err: unknown, ctx: FailureContext): AppError {
  if (err instanceof AppError) return err;
  const where = `${ctx.host}:${ctx.port}`;
  if (ctx.hostKey.mismatched() && ctx.hostKey.expected !== undefined) {
    return hostKeyMismatchError(where, ctx.hostKey.expected, ctx.hostKey.observed());
  }
  const { message, code, level } = describe(err);
  const detail = redact(message, ctx.secrets)
    .replace(/^(\w+(->|: ))+/, '') // ssh2-sftp-client's "getConnection: " style prefixes
    .trim();
  const options = { cause: err };
  const path = ctx.remotePath ? ` (${ctx.remotePath})` : '';

  if (err instanceof OperationTimeoutError) {
    if (ctx.phase === 'connect') {
      return new AppError(
        'SSH_UNREACHABLE',
        `${where} is unreachable: no SSH session within ${err.ms / 1000} s. Check that the ` +
          'server is running and that no firewall blocks the port.',
        options,
      );
    }
    return new AppError(
      'TRANSFER_FAILED',
      `The SFTP server at ${where} stopped answering: ${err.message}${path}.`,
      options,
    );
  }

  if (
    level === 'client-authentication' ||
    /authentication methods failed/i.test(message) ||
    /privateKey|private key|passphrase|key format/i.test(message)
  ) {
    const keyUnreadable = level !== 'client-authentication' && !/authentication/i.test(message);
    return new AppError(
      'SSH_AUTH_FAILED',
      keyUnreadable
        ? `The private key for ${where} could not be used (${detail}). Check that it is a ` +
            'complete private key (OpenSSH or PEM format) and that the passphrase is right.'
        : `The SSH server at ${where} refused the key for user “${ctx.username}”. Check the ` +
            'private key and the username (its public key must be in authorized_keys).',
      { ...options, field: 'privateKey' },
    );
  }

  const codeText = typeof code === 'string' ? UNREACHABLE_CODES[code] : undefined;
  const connectFailed =
    ctx.phase === 'connect' &&
    (codeText !== undefined ||
      level === 'client-timeout' ||
      level === 'client-socket' ||
      /timed out|connection lost|unexpected (end|close)/i.test(message));
  if (connectFailed) {
    const reason = codeText ?? (level === 'client-timeout' ? 'timed out' : detail);
    const hint =
      code === 'ENOTFOUND' || code === 'EAI_AGAIN'
        ? 'Check the host name.'
        : 'Check that the server is running and that no firewall blocks the port.';
    return new AppError('SSH_UNREACHABLE', `${where} is unreachable (${reason}). ${hint}`, options);
  }

  if (ctx.phase === 'connect') {
    return new AppError(
      'TRANSFER_FAILED',
      `Could not open an SFTP session with ${where}: ${detail}.`,
      options,
    );
  }
  const hint = typeof code === 'number' ? SFTP_STATUS_HINTS[code] : codeText;
  return new AppError(
    'TRANSFER_FAILED',
    `${ctx.action ?? 'SFTP transfer'} on ${where} failed${path}: ${detail}` +
      `${hint ? ` (${hint})` : ''}.`,
    options,
  );
}
