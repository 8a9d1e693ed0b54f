import { defineStore } from 'pinia';
import type {
  ChannelTestDto,
  CreateChannelInput,
  NotificationChannelDto,
  UpdateChannelInput,
} from '@contract/alerts';
import { useClient } from '../api/client';
import { useTestedList } from './tested-list';
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
  const runs = useTestRuns<ChannelTestOutcome>();
  const { forget, run } = runs;
  // create rejects with the ApiError (its `field` names the input at fault); remove takes the
  // channel's stored secret too, and alerts waiting for it are dropped
  const { save, shown } = useTestedList(
    {
      list: () => client.invoke('notificationChannels.list'),
      create: (input: CreateChannelInput) => client.invoke('notificationChannels.create', input),
      update: (input: UpdateChannelInput) => client.invoke('notificationChannels.update', input),
      delete: (id) => client.invoke('notificationChannels.delete', { id }),
    },
    runs,
  );

  /** Replaces a channel (an omitted secret, token or password is kept). */
  async function update(input: UpdateChannelInput): Promise<NotificationChannelDto> {
    const updated = await save(input);
    // what the last test said was about the channel as it was
    forget(updated.id);
    return updated;
  }

  /** Sends a test alert now; answers what the receiver said. Rejects only when it could not be asked. */
  function test(id: string): Promise<ChannelTestOutcome> {
    return run(id, async () => {
      const result = await client.invoke('notificationChannels.test', { id });
      return { result, at: new Date().toISOString() };
    });
  }

  return { ...shown, update, test };
});
