import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AppError, isAppError } from '../../contract';
import type { ListResult } from '../../contract/operation';
import {
  createDestination,
  deleteDestination,
  getDestination,
  listDestinations,
  testDestination as testDestinationSpec,
  updateDestination,
  type DestinationDto,
  type DestinationTestDto,
} from '../../contract/operations/destinations';
import type { DestinationRecord } from '../db/records';
import type { Repositories } from '../db/repositories';
import { toSftpDestination } from '../pipeline/destination-key';
import { createSftpClientFactory, type SftpClientFactory } from '../transfer/sftp-client';
import { testDestination } from '../transfer/test-connection';
import type { OperationContext } from './context';
import { toDestinationDto } from './dto';
import {
  readPassphrase,
  removeKeyFile,
  stageKey,
  stagePassphrase,
  type StagedKey,
} from './key-store';
import { validateDestinationKey } from './destination-validation';
import { implement } from './operation-table';
import { assertPrivateKey, readKeyFile } from './private-key';

/** What the destination operations use. */
export type DestinationOpsContext = Pick<OperationContext, 'settings' | 'clock' | 'logger'> & {
  repos: Pick<Repositories, 'destinations' | 'write'>;
};

export interface DestinationOperationDeps {
  /** The SFTP client used by `destinations.test` (tests hand in a fake server). */
  clientFactory: (ctx: DestinationOpsContext) => SftpClientFactory;
}

const defaults: DestinationOperationDeps = {
  clientFactory: (ctx) => createSftpClientFactory(ctx.logger),
};

function notFound(id: string): AppError {
  return new AppError('NOT_FOUND', `Destination ${id} does not exist.`, { field: 'id' });
}

async function findDestination(ctx: DestinationOpsContext, id: string): Promise<DestinationRecord> {
  const found = await ctx.repos.destinations.get(id);
  if (!found) throw notFound(id);
  return found;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function where(d: Pick<DestinationRecord, 'name' | 'username' | 'host' | 'port'>): string {
  return `"${d.name}" (${d.username}@${d.host}:${d.port})`;
}

/** The stored passphrase of a destination; one whose file is gone counts as none. */
async function storedPassphrase(d: DestinationRecord): Promise<string | null> {
  try {
    return await readPassphrase(d);
  } catch {
    return null;
  }
}

/** The current key of a destination, to check a new passphrase against it. */
async function currentKey(
  configDir: string,
  d: DestinationRecord,
): Promise<{ key: Buffer; field: 'privateKey' | 'privateKeyPath' }> {
  if (d.storedKeyFile) {
    try {
      return { key: await readFile(d.storedKeyFile), field: 'privateKey' };
    } catch {
      throw new AppError(
        'VALIDATION_FAILED',
        'The stored private key of this destination is missing: upload it again.',
        { field: 'privateKey' },
      );
    }
  }
  if (d.privateKeyPath)
    return { key: await readKeyFile(configDir, d.privateKeyPath), field: 'privateKeyPath' };
  throw new AppError(
    'VALIDATION_FAILED',
    'This destination has no private key: give privateKey or privateKeyPath.',
    { field: 'privateKey' },
  );
}

/**
 * The operations on SFTP destinations. Uploaded keys and passphrases live in
 * CONFIG_DIR/keys/<id>.pem and <id>.passphrase (0600), never in the database; they are never
 * answered nor logged.
 */
export function createDestinationOperations(overrides: Partial<DestinationOperationDeps> = {}) {
  const deps: DestinationOperationDeps = { ...defaults, ...overrides };
  return [
    implement(
      listDestinations,
      async (_input, ctx: DestinationOpsContext): Promise<ListResult<DestinationDto>> => {
        const rows = await ctx.repos.destinations.all();
        rows.sort((a, b) => a.name.localeCompare(b.name) || a.createdAt.localeCompare(b.createdAt));
        return { items: rows.map(toDestinationDto), total: rows.length };
      },
    ),

    implement(
      getDestination,
      async (input, ctx: DestinationOpsContext): Promise<DestinationDto> => {
        return toDestinationDto(await findDestination(ctx, input.id));
      },
    ),

    implement(
      createDestination,
      async (input, ctx: DestinationOpsContext): Promise<DestinationDto> => {
        const passphrase = input.passphrase || null;
        const { configDir } = ctx.settings;
        await validateDestinationKey(configDir, {
          privateKey: input.privateKey,
          privateKeyPath: input.privateKeyPath,
          passphrase,
        });
        const id = randomUUID();
        const now = iso(ctx.clock.now());
        // the secrets go to files first: the row never points at a file that is not there
        let storedKeyFile: string | null = null;
        let passphraseFile: string | null = null;
        try {
          if (input.privateKey !== undefined) {
            storedKeyFile = await (await stageKey(configDir, id, input.privateKey)).commit();
          }
          if (passphrase) {
            passphraseFile = await (await stagePassphrase(configDir, id, passphrase)).commit();
          }
        } catch (error) {
          await removeKeyFile(configDir, storedKeyFile);
          throw error;
        }
        const record: DestinationRecord = {
          id,
          name: input.name,
          host: input.host,
          port: input.port,
          username: input.username,
          remoteDir: input.remoteDir,
          privateKeyPath: storedKeyFile ? null : input.privateKeyPath,
          storedKeyFile,
          passphraseFile,
          hostKeyFingerprint: input.hostKeyFingerprint,
          transferMode: 'fastPut',
          createdAt: now,
          updatedAt: now,
        };
        try {
          await ctx.repos.destinations.insert(record);
        } catch (error) {
          await removeKeyFile(configDir, storedKeyFile);
          await removeKeyFile(configDir, passphraseFile);
          throw error;
        }
        ctx.logger.info(`Destination ${where(record)} created.`);
        return toDestinationDto(record);
      },
    ),

    implement(
      updateDestination,
      async (input, ctx: DestinationOpsContext): Promise<DestinationDto> => {
        const current = await findDestination(ctx, input.id);
        // the same path sent back (as the form does) is not a new key
        const newPath =
          input.privateKeyPath !== null && input.privateKeyPath !== current.privateKeyPath
            ? input.privateKeyPath
            : null;
        const newKey = input.privateKey !== undefined || newPath !== null;
        const { configDir } = ctx.settings;
        const currentPassphrase = await storedPassphrase(current);
        // a new key brings its own passphrase; otherwise an omitted passphrase is kept
        const passphrase =
          newKey || input.passphrase !== undefined ? input.passphrase || null : currentPassphrase;
        if (newKey) {
          await validateDestinationKey(configDir, {
            privateKey: input.privateKey,
            privateKeyPath: newPath,
            passphrase,
          });
        } else if (passphrase !== currentPassphrase) {
          const { key, field } = await currentKey(configDir, current);
          await assertPrivateKey(key, passphrase, field);
        }

        const staged: StagedKey[] = [];
        let stagedKey: StagedKey | undefined;
        let passphraseFile = passphrase === null ? null : current.passphraseFile;
        try {
          if (input.privateKey !== undefined) {
            stagedKey = await stageKey(configDir, current.id, input.privateKey);
            staged.push(stagedKey);
          }
          if (passphrase !== null && (passphrase !== currentPassphrase || !passphraseFile)) {
            const file = await stagePassphrase(configDir, current.id, passphrase);
            staged.push(file);
            passphraseFile = file.path;
          }
        } catch (error) {
          await Promise.all(staged.map((f) => f.discard()));
          throw error;
        }
        const storedKeyFile = stagedKey
          ? stagedKey.path
          : newPath !== null
            ? null
            : current.storedKeyFile;
        const next: DestinationRecord = {
          ...current,
          name: input.name,
          host: input.host,
          port: input.port,
          username: input.username,
          remoteDir: input.remoteDir,
          privateKeyPath: stagedKey ? null : (newPath ?? current.privateKeyPath),
          storedKeyFile,
          passphraseFile,
          hostKeyFingerprint: input.hostKeyFingerprint,
          updatedAt: iso(ctx.clock.now()),
        };
        try {
          if (!(await ctx.repos.destinations.update(next))) throw notFound(current.id);
        } catch (error) {
          await Promise.all(staged.map((f) => f.discard()));
          throw error;
        }
        for (const file of staged) await file.commit();
        if (current.storedKeyFile && current.storedKeyFile !== storedKeyFile) {
          await removeKeyFile(configDir, current.storedKeyFile);
        }
        if (current.passphraseFile && current.passphraseFile !== passphraseFile) {
          await removeKeyFile(configDir, current.passphraseFile);
        }
        ctx.logger.info(
          `Destination ${where(next)} updated${newKey ? ' with a new private key' : ''}.`,
        );
        return toDestinationDto(next);
      },
    ),

    implement(deleteDestination, async (input, ctx: DestinationOpsContext): Promise<void> => {
      const removed = await ctx.repos.write(async (tx) => {
        const current = await tx.destinations.get(input.id);
        if (!current) throw notFound(input.id);
        const users = await tx.streams.withDestination(input.id);
        if (users.length > 0) {
          const names = users.map((s) => `"${s.name}"`).join(', ');
          throw new AppError(
            'CONFLICT',
            `Destination "${current.name}" is used by ${users.length === 1 ? 'stream' : 'streams'} ${names}: give ${users.length === 1 ? 'it' : 'them'} another destination (or none) first.`,
            { field: 'id' },
          );
        }
        await tx.destinations.remove(input.id);
        return current;
      });
      await removeKeyFile(ctx.settings.configDir, removed.storedKeyFile);
      await removeKeyFile(ctx.settings.configDir, removed.passphraseFile);
      ctx.logger.info(`Destination ${where(removed)} deleted.`);
    }),

    implement(
      testDestinationSpec,
      async (input, ctx: DestinationOpsContext): Promise<DestinationTestDto> => {
        const destination = await findDestination(ctx, input.id);
        let sftp;
        try {
          sftp = await toSftpDestination(destination, ctx.settings.configDir);
        } catch (error) {
          if (!isAppError(error)) throw error;
          return { ok: false, error: error.message, code: error.code };
        }
        const result = await testDestination(sftp, {
          clientFactory: deps.clientFactory(ctx),
          logger: ctx.logger,
          clock: ctx.clock,
        });
        // A test shows the server's host key but never pins it: the user compares it with the
        // server's own and pins it (PUT with hostKeyFingerprint), or the first transfer pins it.
        const answer: DestinationTestDto = { ok: result.ok };
        if (result.hostKeyFingerprint) answer.hostKeyFingerprint = result.hostKeyFingerprint;
        if (result.error) answer.error = result.error;
        if (result.code) answer.code = result.code;
        return answer;
      },
    ),
  ];
}

export const destinationOperations = createDestinationOperations();
