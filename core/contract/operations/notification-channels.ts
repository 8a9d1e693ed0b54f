import { z } from 'zod';
import {
  ALERT_EVENTS,
  RECENT_ALERTS_MAX,
  createChannelInput,
  type AlertPayload,
  EMAIL_SECURITY,
  updateChannelInput,
  type ChannelTestDto,
  type NotificationChannelDto,
} from '../alerts';
import { operationAt, listOf, resourceOperations } from '../operation';
import { sessionDtoSchema } from '../session';
import { idInput, instant } from './common';

// The operations on the user's notification channels (alerts). Their create and update schemas,
// with the write-only secrets, live in ../alerts.ts beside the rest of the alerts' contract.

const dtoBase = {
  id: z.string(),
  name: z.string(),
  enabled: z.boolean(),
  events: z.array(z.enum(ALERT_EVENTS)),
  createdAt: instant,
  updatedAt: instant,
};

/** A channel as answered: secrets are never returned (`hasSecret`, `hasToken`, `hasPassword`). */
export const notificationChannelDtoSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...dtoBase,
    kind: z.literal('webhook'),
    url: z.string(),
    hasSecret: z.boolean(),
  }),
  z.strictObject({
    ...dtoBase,
    kind: z.literal('ntfy'),
    url: z.string(),
    priority: z.number().int().min(1).max(5).nullable(),
    hasToken: z.boolean(),
  }),
  z.strictObject({
    ...dtoBase,
    kind: z.literal('email'),
    host: z.string(),
    port: z.number().int(),
    security: z.enum(EMAIL_SECURITY),
    username: z.string().nullable(),
    hasPassword: z.boolean(),
    from: z.string(),
    to: z.array(z.string()),
  }),
]);

/** The answer of `POST /api/notification-channels/:id/test`. */
export const channelTestDtoSchema = z.strictObject({
  ok: z.boolean(),
  answer: z.string().optional(),
  error: z.string().optional(),
  details: z.string().optional(),
});

/** An alert as every channel carries it (`AlertPayload`), and as `alerts.recent` answers it. */
export const alertPayloadSchema = z.strictObject({
  event: z.enum(ALERT_EVENTS),
  at: instant,
  message: z.string(),
  session: sessionDtoSchema.optional(),
  stream: z.strictObject({ id: z.string(), name: z.string() }).optional(),
  schedule: z
    .strictObject({
      id: z.string(),
      cronExpression: z.string(),
      timezone: z.string().nullable(),
      runAt: instant.optional(),
    })
    .optional(),
  url: z.string().optional(),
});

// the schemas describe the contract's interfaces exactly (both ways)
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const dtoMatches: Same<
  z.output<typeof notificationChannelDtoSchema>,
  NotificationChannelDto
> = true;
const testMatches: Same<z.output<typeof channelTestDtoSchema>, ChannelTestDto> = true;
const payloadMatches: Same<z.output<typeof alertPayloadSchema>, AlertPayload> = true;
void dtoMatches;
void testMatches;
void payloadMatches;

const notificationChannelsOperations = resourceOperations(
  'notificationChannels',
  '/api/notification-channels',
  notificationChannelDtoSchema,
  {
    list: {
      input: z.object({}),
      summary: 'Lists the notification channels (webhook, ntfy, e-mail), by name.',
    },
    get: {
      input: idInput,
      summary: 'One notification channel (never its secret, token or password).',
    },
    create: {
      input: createChannelInput,
      summary:
        'Creates a channel: webhook {url, secret}, ntfy {url, priority?, token?} or email {host, port?, security, username?, password?, from, to}; secrets are stored with 0600 permissions and never returned.',
    },
    update: {
      input: updateChannelInput,
      summary:
        'Replaces a channel. An omitted secret, token or password is kept; null or "" removes a token or password.',
    },
    delete: {
      input: idInput,
      summary: 'Deletes a channel and its stored secret; alerts still waiting for it are dropped.',
    },
  },
);
export const {
  list: listNotificationChannels,
  get: getNotificationChannel,
  create: createNotificationChannel,
  update: updateNotificationChannel,
  delete: deleteNotificationChannel,
} = notificationChannelsOperations;

export const testNotificationChannel = operationAt(
  'POST /api/notification-channels/:id/test',
  'notificationChannels.test',
  {
    input: idInput,
    output: channelTestDtoSchema,
    summary:
      'Sends a test alert through the channel now (no retries) and answers {ok, answer?, error?, details?}: what the receiver said (HTTP status, SMTP reply), or what went wrong in plain words and, in details, as the software below said it.',
  },
);

export const recentAlerts = operationAt('GET /api/alerts/recent', 'alerts.recent', {
  input: z.object({}),
  output: listOf(alertPayloadSchema),
  summary: `The alerts raised in the last 24 hours (at most ${RECENT_ALERTS_MAX}, newest first), whichever channels they went to (or none): what the dashboard lists besides the sessions' own state (pre-flight failures, low disk). Kept in memory: a restart starts the list again. New ones arrive as the \`alert\` event.`,
});

export const notificationChannelOperationSpecs = [
  listNotificationChannels,
  getNotificationChannel,
  createNotificationChannel,
  updateNotificationChannel,
  deleteNotificationChannel,
  testNotificationChannel,
  recentAlerts,
] as const;
