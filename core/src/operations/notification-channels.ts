import { randomUUID } from 'node:crypto';
import { AppError } from '../../contract';
import type { ListResult } from '../../contract/operation';
import type { AlertPayload, NotificationChannelDto } from '../../contract/alerts';
import {
  createNotificationChannel,
  deleteNotificationChannel,
  getNotificationChannel,
  listNotificationChannels,
  recentAlerts,
  testNotificationChannel,
  updateNotificationChannel,
} from '../../contract/operations/notification-channels';
import { toAlertChannel, toChannelDto } from '../alerts/stored-channels';
import type { NotificationChannelRecord } from '../db/records';
import type { Repositories } from '../db/repositories';
import { channelFieldsOf, removeChannelSecret, stageChannelSecret } from './channel-secrets';
import type { OperationContext } from './context';
import { implement } from './operation-table';
import { foundOr404, listByName, notFoundOf, updateWithStaged } from './stored-resource';

/** What the notification channel operations use. */
export type ChannelOpsContext = Pick<OperationContext, 'settings' | 'clock' | 'logger'> & {
  repos: Pick<Repositories, 'channels'>;
  alerts: Pick<OperationContext['alerts'], 'test' | 'recent'>;
};

const notFound = (id: string): AppError => notFoundOf('Notification channel', id);

const findChannel = (ctx: ChannelOpsContext, id: string): Promise<NotificationChannelRecord> =>
  foundOr404(ctx.repos.channels.get(id), 'Notification channel', id);

const list = implement(
  listNotificationChannels,
  async (_input, ctx: ChannelOpsContext): Promise<ListResult<NotificationChannelDto>> => {
    return listByName(await ctx.repos.channels.all(), toChannelDto);
  },
);

const get = implement(getNotificationChannel, async (input, ctx: ChannelOpsContext) =>
  toChannelDto(await findChannel(ctx, input.id)),
);

const create = implement(createNotificationChannel, async (input, ctx: ChannelOpsContext) => {
  const id = randomUUID();
  const now = new Date(ctx.clock.now()).toISOString();
  const secret = await stageChannelSecret(ctx.settings.configDir, id, input);
  const record: NotificationChannelRecord = {
    id,
    ...channelFieldsOf(input),
    secretFile: secret.secretFile,
    createdAt: now,
    updatedAt: now,
  };
  // the file first: the row never points at a file that is not there
  await secret.commit();
  try {
    await ctx.repos.channels.insert(record);
  } catch (error) {
    await removeChannelSecret(ctx.settings.configDir, record);
    throw error;
  }
  ctx.logger.info(`Notification channel "${record.name}" (${record.kind}) created.`);
  return toChannelDto(record);
});

const update = implement(updateNotificationChannel, async (input, ctx: ChannelOpsContext) => {
  const current = await findChannel(ctx, input.id);
  const secret = await stageChannelSecret(ctx.settings.configDir, current.id, input, current);
  const next: NotificationChannelRecord = {
    ...current,
    ...channelFieldsOf(input),
    secretFile: secret.secretFile,
    updatedAt: new Date(ctx.clock.now()).toISOString(),
  };
  await updateWithStaged(
    () => ctx.repos.channels.update(next),
    secret,
    () => notFound(current.id),
  );
  ctx.logger.info(`Notification channel "${next.name}" (${next.kind}) updated.`);
  return toChannelDto(next);
});

const remove = implement(deleteNotificationChannel, async (input, ctx: ChannelOpsContext) => {
  const current = await findChannel(ctx, input.id);
  await ctx.repos.channels.remove(current.id);
  await removeChannelSecret(ctx.settings.configDir, current);
  ctx.logger.info(`Notification channel "${current.name}" (${current.kind}) deleted.`);
});

/** What the Test button sends: plain words, so that nobody takes it for a real problem. */
export function testAlert(channelName: string, now: number): AlertPayload {
  return {
    event: 'recording.completed',
    at: new Date(now).toISOString(),
    message: `Test alert from Audio Stream Recorder: channel "${channelName}" works. Nothing happened to your recordings.`,
  };
}

const test = implement(testNotificationChannel, async (input, ctx: ChannelOpsContext) => {
  const current = await findChannel(ctx, input.id);
  const answer = await ctx.alerts.test(
    await toAlertChannel(current),
    testAlert(current.name, ctx.clock.now()),
  );
  ctx.logger.info(
    `Test alert through notification channel "${current.name}" (${current.kind}): ${answer.ok ? 'delivered' : `failed: ${answer.error ?? ''}`}`,
  );
  if (answer.ok) return { ok: true, ...(answer.answer ? { answer: answer.answer } : {}) };
  return {
    ok: false,
    error: answer.error ?? 'Sending failed.',
    ...(answer.details ? { details: answer.details } : {}),
  };
});

/** The alerts raised lately (the dashboard lists those no session shows). */
const recent = implement(recentAlerts, async (_input, ctx: ChannelOpsContext) => {
  const items = ctx.alerts.recent();
  return { items, total: items.length };
});

/**
 * The operations on notification channels, and `alerts.recent`. Their secrets live in CONFIG_DIR/keys/channel-<id>.secret
 * (0600), never in the database; they are never answered nor logged.
 */
export const notificationChannelOperations = [list, get, create, update, remove, test, recent];
