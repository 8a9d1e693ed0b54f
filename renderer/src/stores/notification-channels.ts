import { defineStore } from 'pinia';
import type {
  ChannelTestDto,
  CreateChannelInput,
  NotificationChannelDto,
  UpdateChannelInput,
} from '@contract/alerts';
import { useClient } from '../api/client';
import { useNamedList } from './named-list';
import { useTestRuns } from './test-runs';

/** The latest Test of a channel, as Settings → Notifications shows it. */
export interface ChannelTestOutcome {
  result: ChannelTestDto;
  /** When it ran (ISO-8601). */
  at: string;
}

/** The user's notification channels (webhook, ntfy, e-mail): where alerts go. */
export const useNotificationChannelsStore = defineStore('notificationChannels', () => {
  const client = useClient();
  const { items, loaded, loading, error, byId, load, ensureLoaded, drop, putting } = useNamedList(
    () => client.invoke('notificationChannels.list'),
  );
  const { tests, testing, forget, run } = useTestRuns<ChannelTestOutcome>();

  /** Creates a channel; rejects with the ApiError (its `field` names the input at fault). */
  const create = putting((input: CreateChannelInput) =>
    client.invoke('notificationChannels.create', input),
  );
  const save = putting((input: UpdateChannelInput) =>
    client.invoke('notificationChannels.update', input),
  );

  /** Replaces a channel (an omitted secret, token or password is kept). */
  async function update(input: UpdateChannelInput): Promise<NotificationChannelDto> {
    const updated = await save(input);
    // what the last test said was about the channel as it was
    forget(updated.id);
    return updated;
  }

  /** Deletes a channel (and its stored secret; alerts waiting for it are dropped). */
  async function remove(id: string): Promise<void> {
    await client.invoke('notificationChannels.delete', { id });
    drop(id);
    forget(id);
  }

  /** Sends a test alert now; answers what the receiver said. Rejects only when it could not be asked. */
  function test(id: string): Promise<ChannelTestOutcome> {
    return run(id, async () => {
      const result = await client.invoke('notificationChannels.test', { id });
      return { result, at: new Date().toISOString() };
    });
  }

  return {
    items,
    loaded,
    loading,
    error,
    tests,
    testing,
    byId,
    load,
    ensureLoaded,
    create,
    update,
    remove,
    test,
  };
});
