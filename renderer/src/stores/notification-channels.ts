import { defineStore } from 'pinia';
import { ref } from 'vue';
import type {
  ChannelTestDto,
  CreateChannelInput,
  NotificationChannelDto,
  UpdateChannelInput,
} from '@contract/alerts';
import { useClient } from '../api/client';
import { useNamedList } from './named-list';

/** The latest Test of a channel, as Settings → Notifications shows it. */
export interface ChannelTestOutcome {
  result: ChannelTestDto;
  /** When it ran (ISO-8601). */
  at: string;
}

/** The user's notification channels (webhook, ntfy, e-mail): where alerts go. */
export const useNotificationChannelsStore = defineStore('notificationChannels', () => {
  const client = useClient();
  const { items, loaded, loading, error, byId, load, ensureLoaded, put } = useNamedList(() =>
    client.invoke('notificationChannels.list'),
  );
  /** The latest Test of each channel (by id). */
  const tests = ref<Record<string, ChannelTestOutcome>>({});
  /** The channels being tested now (by id). */
  const testing = ref<Record<string, boolean>>({});

  function forget(id: string): void {
    const { [id]: _dropped, ...rest } = tests.value;
    tests.value = rest;
  }

  /** Creates a channel; rejects with the ApiError (its `field` names the input at fault). */
  async function create(input: CreateChannelInput): Promise<NotificationChannelDto> {
    const created = await client.invoke('notificationChannels.create', input);
    put(created);
    return created;
  }

  /** Replaces a channel (an omitted secret, token or password is kept). */
  async function update(input: UpdateChannelInput): Promise<NotificationChannelDto> {
    const updated = await client.invoke('notificationChannels.update', input);
    put(updated);
    // what the last test said was about the channel as it was
    forget(updated.id);
    return updated;
  }

  /** Deletes a channel (and its stored secret; alerts waiting for it are dropped). */
  async function remove(id: string): Promise<void> {
    await client.invoke('notificationChannels.delete', { id });
    items.value = items.value.filter((c) => c.id !== id);
    forget(id);
  }

  /** Sends a test alert now; answers what the receiver said. Rejects only when it could not be asked. */
  async function test(id: string): Promise<ChannelTestOutcome> {
    testing.value = { ...testing.value, [id]: true };
    try {
      const result = await client.invoke('notificationChannels.test', { id });
      const outcome = { result, at: new Date().toISOString() };
      tests.value = { ...tests.value, [id]: outcome };
      return outcome;
    } finally {
      const { [id]: _done, ...rest } = testing.value;
      testing.value = rest;
    }
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
