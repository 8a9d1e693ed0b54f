import { AppError } from '../../contract';
import type { CreateChannelValues, UpdateChannelValues } from '../../contract/alerts';
import type { ChannelConfig, NotificationChannelRecord } from '../db/records';
import { channelSecretFilePath, removeKeyFile, stageSecret } from './key-store';
import type { StagedFiles } from './stored-resource';

/**
 * The secret of a notification channel (a webhook's secret, an ntfy token, an SMTP password) on
 * create and update: stored like a destination's passphrase, as a 0600 file under
 * CONFIG_DIR/keys written beside its place and moved in only once the row is saved.
 */

type ChannelValues = CreateChannelValues | UpdateChannelValues;

/** The secret a request gives: a string (new), null (none) or undefined (keep the stored one). */
export function secretOf(values: ChannelValues): string | null | undefined {
  switch (values.kind) {
    case 'webhook':
      return values.secret;
    case 'ntfy':
      return values.token;
    case 'email':
      return values.password;
  }
}

/** The field a kind's secret is given in. */
export function secretField(kind: ChannelValues['kind']): 'secret' | 'token' | 'password' {
  return kind === 'webhook' ? 'secret' : kind === 'ntfy' ? 'token' : 'password';
}

/** The kind's fields that the row keeps in `config` (everything but the secret). */
export function configOf(values: ChannelValues): ChannelConfig {
  switch (values.kind) {
    case 'webhook':
      return { kind: 'webhook', url: values.url };
    case 'ntfy':
      return { kind: 'ntfy', url: values.url, priority: values.priority };
    case 'email':
      return {
        kind: 'email',
        host: values.host,
        port: values.port,
        security: values.security,
        username: values.username,
        from: values.from,
        to: [...values.to],
      };
  }
}

/** The row's fields a request sets (all but id, the secret file and the times). */
export function channelFieldsOf(
  values: ChannelValues,
): Pick<NotificationChannelRecord, 'name' | 'kind' | 'enabled' | 'events' | 'config'> {
  return {
    name: values.name,
    kind: values.kind,
    enabled: values.enabled,
    events: values.events,
    config: configOf(values),
  };
}

/** A secret file staged: the row's `secretFile`, then commit() (after the row is saved) or discard(). */
export interface StagedChannelSecret extends StagedFiles {
  secretFile: string | null;
}

/**
 * Stages the secret `values` asks for, against the `current` row (none on create): a new one is
 * written beside its place; an omitted one is kept unless the kind changes (a webhook must then
 * give one); null removes it. commit() moves the new file in and deletes the one it replaces.
 */
export async function stageChannelSecret(
  configDir: string,
  id: string,
  values: ChannelValues,
  current: NotificationChannelRecord | null = null,
): Promise<StagedChannelSecret> {
  const given = secretOf(values);
  const keep = given === undefined && current !== null && current.kind === values.kind;
  if (given === undefined && !keep && values.kind === 'webhook') {
    throw new AppError(
      'VALIDATION_FAILED',
      'secret: a webhook needs its secret (at least 16 characters), the key of its signature.',
      { field: 'secret' },
    );
  }
  const old = current?.secretFile ?? null;
  if (keep)
    return { secretFile: old, commit: async () => undefined, discard: async () => undefined };
  const staged = given
    ? await stageSecret(configDir, channelSecretFilePath(configDir, id), given)
    : null;
  const secretFile = staged?.path ?? null;
  return {
    secretFile,
    async commit() {
      await staged?.commit();
      if (old && old !== secretFile) await removeKeyFile(configDir, old);
    },
    async discard() {
      await staged?.discard();
    },
  };
}

/** Deletes the secret file of a deleted channel. */
export async function removeChannelSecret(
  configDir: string,
  record: Pick<NotificationChannelRecord, 'secretFile'>,
): Promise<void> {
  await removeKeyFile(configDir, record.secretFile);
}
