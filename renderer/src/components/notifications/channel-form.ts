import { issueMessage, type FieldWords } from '@contract/field-messages';
import {
  ALERT_EVENTS,
  createChannelInput,
  DEFAULT_ALERT_EVENTS,
  DEFAULT_SMTP_PORT,
  ntfyTopicOf,
  updateChannelInput,
  WEBHOOK_SECRET_MIN_LENGTH,
  type AlertEvent,
  type ChannelKind,
  type CreateChannelInput,
  type EmailSecurity,
  type NotificationChannelDto,
  type UpdateChannelInput,
} from '@contract/alerts';

/** The ntfy server a new ntfy channel starts with. */
export const NTFY_DEFAULT_SERVER = 'https://ntfy.sh';

/** What the channel editor holds while the user types. Secrets are never prefilled. */
export interface ChannelForm {
  name: string;
  kind: ChannelKind;
  enabled: boolean;
  events: AlertEvent[];
  /** webhook: where alerts are POSTed. */
  webhookUrl: string;
  /** webhook: the HMAC key of the signature (write-only). */
  secret: string;
  /** ntfy: the server's address and the topic, joined into the channel's `url`. */
  ntfyServer: string;
  ntfyTopic: string;
  /** ntfy: 1 to 5; null: by event. */
  priority: number | null;
  /** ntfy: an access token (write-only); editing: remove the stored one. */
  token: string;
  removeToken: boolean;
  /** e-mail (SMTP). */
  host: string;
  port: number | null;
  security: EmailSecurity;
  username: string;
  /** Write-only; editing: remove the stored one. */
  password: string;
  removePassword: boolean;
  from: string;
  /** One or more addresses, separated by commas or semicolons. */
  to: string;
}

/** The fields the editor shows errors on (the contract's input names). */
export type ChannelField =
  | 'name'
  | 'kind'
  | 'enabled'
  | 'events'
  | 'url'
  | 'secret'
  | 'priority'
  | 'token'
  | 'host'
  | 'port'
  | 'security'
  | 'username'
  | 'password'
  | 'from'
  | 'to';

export const CHANNEL_FIELDS: readonly ChannelField[] = [
  'name',
  'kind',
  'enabled',
  'events',
  'url',
  'secret',
  'priority',
  'token',
  'host',
  'port',
  'security',
  'username',
  'password',
  'from',
  'to',
];

export type ChannelErrors = Partial<Record<ChannelField, string>>;

export function emptyChannelForm(): ChannelForm {
  return {
    name: '',
    kind: 'webhook',
    enabled: true,
    events: [...DEFAULT_ALERT_EVENTS],
    webhookUrl: '',
    secret: '',
    ntfyServer: NTFY_DEFAULT_SERVER,
    ntfyTopic: '',
    priority: null,
    token: '',
    removeToken: false,
    host: '',
    port: null,
    security: 'starttls',
    username: '',
    password: '',
    removePassword: false,
    from: '',
    to: '',
  };
}

/** The server part of an ntfy topic URL (everything before the topic). */
function ntfyServerOf(url: string): string {
  try {
    const parsed = new URL(url);
    const path = parsed.pathname.replace(/\/+$/, '');
    return `${parsed.origin}${path.slice(0, path.lastIndexOf('/'))}`;
  } catch {
    return url;
  }
}

/** The editor's values for an existing channel: everything but its secret. */
export function formFromChannel(c: NotificationChannelDto): ChannelForm {
  const form: ChannelForm = {
    ...emptyChannelForm(),
    name: c.name,
    kind: c.kind,
    enabled: c.enabled,
    events: [...c.events],
  };
  switch (c.kind) {
    case 'webhook':
      return { ...form, webhookUrl: c.url };
    case 'ntfy': {
      let topic = '';
      try {
        topic = ntfyTopicOf(c.url);
      } catch {
        // shown as it is stored: the server part holds the whole URL
      }
      return { ...form, ntfyServer: ntfyServerOf(c.url), ntfyTopic: topic, priority: c.priority };
    }
    case 'email':
      return {
        ...form,
        host: c.host,
        port: c.port,
        security: c.security,
        username: c.username ?? '',
        from: c.from,
        to: c.to.join(', '),
      };
  }
}

/** The ntfy topic URL of the server and topic typed. */
export function ntfyUrl(server: string, topic: string): string {
  return `${server.trim().replace(/\/+$/, '')}/${topic.trim()}`;
}

/** The port an e-mail channel uses when none is typed (its security's usual one). */
export function defaultPort(security: EmailSecurity): number {
  return DEFAULT_SMTP_PORT[security];
}

/** Events in the contract's order (as the server answers them). */
function orderedEvents(events: readonly AlertEvent[]): AlertEvent[] {
  return ALERT_EVENTS.filter((event) => events.includes(event));
}

/** The kind's fields and the secret to send: `undefined` secrets are left out (kept). */
function kindFields(form: ChannelForm, keep: { secret: boolean }) {
  switch (form.kind) {
    case 'webhook':
      return {
        kind: 'webhook' as const,
        url: form.webhookUrl,
        ...(form.secret || !keep.secret ? { secret: form.secret } : {}),
      };
    case 'ntfy':
      return {
        kind: 'ntfy' as const,
        url: ntfyUrl(form.ntfyServer, form.ntfyTopic),
        priority: form.priority,
        ...(form.token ? { token: form.token } : form.removeToken ? { token: null } : {}),
      };
    case 'email':
      return {
        kind: 'email' as const,
        host: form.host,
        ...(form.port === null ? {} : { port: form.port }),
        security: form.security,
        username: form.username.trim() || null,
        ...(form.password
          ? { password: form.password }
          : form.removePassword
            ? { password: null }
            : {}),
        from: form.from,
        to: form.to,
      };
  }
}

/** `notificationChannels.create`'s input from the form. */
export function toCreateInput(form: ChannelForm): CreateChannelInput {
  return {
    name: form.name,
    enabled: form.enabled,
    events: orderedEvents(form.events),
    ...kindFields(form, { secret: false }),
  } as CreateChannelInput;
}

/** True when editing keeps the stored secret (the kind is the same and the channel has one). */
export function keepsStoredSecret(existing: NotificationChannelDto, kind: ChannelKind): boolean {
  if (existing.kind !== kind) return false;
  switch (existing.kind) {
    case 'webhook':
      return existing.hasSecret;
    case 'ntfy':
      return existing.hasToken;
    case 'email':
      return existing.hasPassword;
  }
}

/**
 * `notificationChannels.update`'s input: an untouched secret is left out (the server keeps it);
 * "remove" sends null.
 */
export function toUpdateInput(
  form: ChannelForm,
  existing: NotificationChannelDto,
): UpdateChannelInput {
  return {
    id: existing.id,
    name: form.name,
    enabled: form.enabled,
    events: orderedEvents(form.events),
    ...kindFields(form, { secret: keepsStoredSecret(existing, form.kind) }),
  } as UpdateChannelInput;
}

const FIELD_SET = new Set<string>(CHANNEL_FIELDS);

/** How the form names its fields in its messages ("Enter the SMTP server."). */
export const CHANNEL_FIELD_WORDS: Readonly<Record<ChannelField, FieldWords>> = {
  name: { enter: 'a name' },
  kind: {},
  enabled: {},
  events: {},
  url: { enter: 'the address' },
  secret: { enter: `a secret of at least ${WEBHOOK_SECRET_MIN_LENGTH} characters` },
  priority: {},
  token: {},
  host: { enter: 'the SMTP server' },
  port: {},
  security: {},
  username: {},
  password: {},
  from: { enter: 'the sender’s address' },
  to: { enter: 'one or more addresses' },
};

/**
 * The first problem of each field, by the contract's own schema (what the server would say). An
 * untouched secret is sent as "" where none can be kept (a new webhook, or one that was another
 * kind), so the schema asks for it.
 */
export function validateChannelForm(
  form: ChannelForm,
  existing?: NotificationChannelDto,
): ChannelErrors {
  const options = { reportInput: true } as const;
  const result = existing
    ? updateChannelInput.safeParse(toUpdateInput(form, existing), options)
    : createChannelInput.safeParse(toCreateInput(form), options);
  const errors: ChannelErrors = {};
  if (result.success) return errors;
  for (const issue of result.error.issues) {
    const field = String(issue.path[0] ?? '') as ChannelField;
    if (FIELD_SET.has(field)) errors[field] ??= issueMessage(issue, CHANNEL_FIELD_WORDS[field]);
  }
  return errors;
}
