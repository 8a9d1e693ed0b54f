import { randomUUID } from 'node:crypto';
import { AppError, isAppError } from '../../contract';
import type { ListResult } from '../../contract/operation';
import {
  createDestination,
  deleteDestination,
  getDestination,
  listDestinations,
  testDestination as testDestinationSpec,
  testDestinationDraft,
  updateDestination,
  type DestinationDto,
  type DestinationTestDto,
} from '../../contract/operations/destinations';
import type { DestinationRecord } from '../db/records';
import type { Repositories } from '../db/repositories';
import { toSftpDestination } from '../pipeline/destination-key';
import type { SftpDestination } from '../transfer/connection';
import { createSftpClientFactory, type SftpClientFactory } from '../transfer/sftp-client';
import { testDestination } from '../transfer/test-connection';
import type { OperationContext } from './context';
import { toDestinationDto } from './dto';
import { draftSftpDestination } from './destination-draft';
import { destinationFieldsOf } from './destination-validation';
import { removeSecrets, stageSecretChanges, storeNewSecrets } from './destination-secrets';
import { implement } from './operation-table';
import { foundOr404, listByName, notFoundOf, updateWithStaged } from './stored-resource';

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

const notFound = (id: string): AppError => notFoundOf('Destination', id);

const findDestination = (ctx: DestinationOpsContext, id: string): Promise<DestinationRecord> =>
  foundOr404(ctx.repos.destinations.get(id), 'Destination', id);

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function where(d: Pick<DestinationRecord, 'name' | 'username' | 'host' | 'port'>): string {
  return `"${d.name}" (${d.username}@${d.host}:${d.port})`;
}

const list = implement(
  listDestinations,
  async (_input, ctx: DestinationOpsContext): Promise<ListResult<DestinationDto>> => {
    return listByName(await ctx.repos.destinations.all(), toDestinationDto);
  },
);

const get = implement(
  getDestination,
  async (input, ctx: DestinationOpsContext): Promise<DestinationDto> => {
    return toDestinationDto(await findDestination(ctx, input.id));
  },
);

const create = implement(
  createDestination,
  async (input, ctx: DestinationOpsContext): Promise<DestinationDto> => {
    const id = randomUUID();
    const now = iso(ctx.clock.now());
    // the secrets go to files first: the row never points at a file that is not there
    const secrets = await storeNewSecrets(ctx.settings.configDir, id, input);
    const record: DestinationRecord = {
      id,
      ...destinationFieldsOf(input),
      ...secrets.fields,
      transferMode: 'fastPut',
      createdAt: now,
      updatedAt: now,
    };
    try {
      await ctx.repos.destinations.insert(record);
    } catch (error) {
      await secrets.remove();
      throw error;
    }
    ctx.logger.info(`Destination ${where(record)} created.`);
    return toDestinationDto(record);
  },
);

const update = implement(
  updateDestination,
  async (input, ctx: DestinationOpsContext): Promise<DestinationDto> => {
    const current = await findDestination(ctx, input.id);
    const secrets = await stageSecretChanges(ctx.settings.configDir, current, input);
    const next: DestinationRecord = {
      ...current,
      ...destinationFieldsOf(input),
      ...secrets.fields,
      updatedAt: iso(ctx.clock.now()),
    };
    await updateWithStaged(
      () => ctx.repos.destinations.update(next),
      secrets,
      () => notFound(current.id),
    );
    ctx.logger.info(
      `Destination ${where(next)} updated${secrets.newKey ? ' with a new private key' : ''}.`,
    );
    return toDestinationDto(next);
  },
);

/** A destination in use by streams stays: they would have nowhere to deliver. */
function assertUnused(d: DestinationRecord, users: { name: string }[]): void {
  if (users.length === 0) return;
  const names = users.map((s) => `"${s.name}"`).join(', ');
  throw new AppError(
    'CONFLICT',
    `Destination "${d.name}" is used by ${users.length === 1 ? 'stream' : 'streams'} ${names}: give ${users.length === 1 ? 'it' : 'them'} another destination (or none) first.`,
    { field: 'id' },
  );
}

const remove = implement(
  deleteDestination,
  async (input, ctx: DestinationOpsContext): Promise<void> => {
    const removed = await ctx.repos.write(async (tx) => {
      const current = await tx.destinations.get(input.id);
      if (!current) throw notFound(input.id);
      assertUnused(current, await tx.streams.withDestination(input.id));
      await tx.destinations.remove(input.id);
      return current;
    });
    await removeSecrets(ctx.settings.configDir, removed);
    ctx.logger.info(`Destination ${where(removed)} deleted.`);
  },
);

/**
 * The connection test of destinations.test and destinations.testDraft: connects, checks that the
 * remote folder is writable, and answers what it saw. A key that cannot be used answers not ok
 * with the reason, before any connection; a key or passphrase a save would refuse is refused so
 * (VALIDATION_FAILED on its field). A test shows the server's host key but never pins it: the
 * user compares it with the server's own and pins it (PUT with hostKeyFingerprint), or the first
 * transfer pins it.
 */
async function runTest(
  resolve: () => Promise<SftpDestination>,
  ctx: DestinationOpsContext,
  deps: DestinationOperationDeps,
): Promise<DestinationTestDto> {
  let sftp: SftpDestination;
  try {
    sftp = await resolve();
  } catch (error) {
    if (!isAppError(error) || error.code === 'VALIDATION_FAILED') throw error;
    return { ok: false, error: error.message, code: error.code };
  }
  const result = await testDestination(sftp, {
    clientFactory: deps.clientFactory(ctx),
    logger: ctx.logger,
    clock: ctx.clock,
  });
  const answer: DestinationTestDto = { ok: result.ok };
  if (result.hostKeyFingerprint) answer.hostKeyFingerprint = result.hostKeyFingerprint;
  if (result.error) answer.error = result.error;
  if (result.code) answer.code = result.code;
  return answer;
}

/**
 * The operations on SFTP destinations. Uploaded keys and passphrases live in
 * CONFIG_DIR/keys/<id>.pem and <id>.passphrase (0600), never in the database; they are never
 * answered nor logged.
 */
export function createDestinationOperations(overrides: Partial<DestinationOperationDeps> = {}) {
  const deps: DestinationOperationDeps = { ...defaults, ...overrides };
  return [
    list,
    get,
    create,
    update,
    remove,
    implement(
      testDestinationSpec,
      async (input, ctx: DestinationOpsContext): Promise<DestinationTestDto> => {
        const destination = await findDestination(ctx, input.id);
        return runTest(() => toSftpDestination(destination, ctx.settings.configDir), ctx, deps);
      },
    ),
    implement(
      testDestinationDraft,
      async (input, ctx: DestinationOpsContext): Promise<DestinationTestDto> => {
        const current = input.id === undefined ? undefined : await findDestination(ctx, input.id);
        return runTest(
          () => draftSftpDestination(ctx.settings.configDir, input, current),
          ctx,
          deps,
        );
      },
    ),
  ];
}

export const destinationOperations = createDestinationOperations();
