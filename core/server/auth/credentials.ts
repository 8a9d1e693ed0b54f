import { join } from 'node:path';
import { AppError } from '../../contract';
import { hashPassword, isPasswordHash, verifyPassword } from './password-hash';
import { authDir, readSecret, writeSecret } from './secret-files';
import { randomToken, safeEqual } from './tokens';

export interface CredentialsOptions {
  configDir: string;
  /** API_KEY: fixes the key (it cannot be regenerated then). */
  apiKey?: string | undefined;
  /** ADMIN_PASSWORD: fixes the password (it cannot be changed then). */
  adminPassword?: string | undefined;
  /** Shows a generated password to the operator once (stdout only: it is stored nowhere else). */
  announce(message: string): void;
  /** Says where a generated API key can be read. */
  info(message: string): void;
}

/** The file that keeps the admin password as a scrypt hash (delete it to get a new password). */
export const passwordFile = (configDir: string) =>
  join(authDir(configDir), 'admin-password.scrypt');
/** The file that keeps a generated API key (shown to logged-in users in Settings). */
export const apiKeyFile = (configDir: string) => join(authDir(configDir), 'api-key');

/**
 * The server's two credentials. The API key comes from API_KEY or is generated at the first
 * start and kept in CONFIG_DIR/auth/api-key (0600; it must be shown again, so it is not hashed).
 * The password comes from ADMIN_PASSWORD or is generated at the first start, announced once and
 * kept only as a scrypt hash in CONFIG_DIR/auth/admin-password.scrypt.
 */
export class Credentials {
  private constructor(
    private readonly configDir: string,
    private key: string,
    private passwordHash: string,
    readonly apiKeyLockedByEnv: boolean,
    readonly passwordLockedByEnv: boolean,
  ) {}

  static async load(options: CredentialsOptions): Promise<Credentials> {
    const { configDir } = options;
    let key = options.apiKey;
    if (!key) {
      key = (await readSecret(apiKeyFile(configDir)))?.trim();
      if (!key) {
        key = randomToken(32);
        await writeSecret(apiKeyFile(configDir), `${key}\n`);
        options.info(
          `No API_KEY is set: generated one, kept in ${apiKeyFile(configDir)}; logged-in users see it in Settings.`,
        );
      }
    }
    let hash: string;
    if (options.adminPassword) {
      hash = await hashPassword(options.adminPassword);
    } else {
      const stored = await readSecret(passwordFile(configDir));
      if (stored !== undefined) {
        if (!isPasswordHash(stored)) {
          throw new Error(
            `${passwordFile(configDir)} is damaged: delete it and restart to generate a new admin password.`,
          );
        }
        hash = stored.trim();
      } else {
        const password = randomToken(18);
        hash = await hashPassword(password);
        await writeSecret(passwordFile(configDir), `${hash}\n`);
        options.announce(
          `No ADMIN_PASSWORD is set, so a password was generated for the web UI: ${password}  ` +
            `(shown only this once; kept only as a hash in ${passwordFile(configDir)}; change it in ` +
            'Settings, or delete that file and restart to get a new one).',
        );
      }
    }
    return new Credentials(
      configDir,
      key,
      hash,
      Boolean(options.apiKey),
      Boolean(options.adminPassword),
    );
  }

  get apiKey(): string {
    return this.key;
  }

  checkApiKey(given: string): boolean {
    return safeEqual(given, this.key);
  }

  checkPassword(given: string): Promise<boolean> {
    return verifyPassword(given, this.passwordHash);
  }

  async regenerateApiKey(): Promise<string> {
    if (this.apiKeyLockedByEnv) {
      throw new AppError('CONFLICT', 'The API key is set by API_KEY: change it there.', {
        field: 'API_KEY',
      });
    }
    const key = randomToken(32);
    await writeSecret(apiKeyFile(this.configDir), `${key}\n`);
    this.key = key;
    return key;
  }

  /** Refuses (409) when ADMIN_PASSWORD fixes the password. */
  assertPasswordChangeable(): void {
    if (this.passwordLockedByEnv) {
      throw new AppError('CONFLICT', 'The password is set by ADMIN_PASSWORD: change it there.', {
        field: 'ADMIN_PASSWORD',
      });
    }
  }

  async changePassword(newPassword: string): Promise<void> {
    this.assertPasswordChangeable();
    const hash = await hashPassword(newPassword);
    await writeSecret(passwordFile(this.configDir), `${hash}\n`);
    this.passwordHash = hash;
  }
}
