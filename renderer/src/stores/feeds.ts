import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { FeedDto } from '@contract/operations';
import { useClient } from '../api/client';
import { trackedLoad } from './tracked-load';

/**
 * The podcast feeds (`feeds.list`): one per stream whose podcast is on, then the feed of them
 * all. Their URLs carry the feed token, so a new token (`regenerate`) changes every one of them.
 */
export const useFeedsStore = defineStore('feeds', () => {
  const client = useClient();
  const items = ref<FeedDto[]>([]);
  const loaded = ref(false);
  const { error, track } = trackedLoad();

  /** The feeds of single streams (the feed of them all is listed only beside one). */
  const streamFeeds = computed(() => items.value.filter((feed) => feed.streamId !== null));

  async function load(): Promise<void> {
    await track(async () => {
      items.value = (await client.invoke('feeds.list')).items;
      loaded.value = true;
    });
  }

  /** A new feed token: every old feed URL stops working. Rejects with the ApiError. */
  async function regenerate(): Promise<void> {
    items.value = (await client.invoke('feeds.regenerateToken')).items;
    loaded.value = true;
    error.value = null;
  }

  /** The feed of stream `streamId`, when it has one. */
  function feedOf(streamId: string): FeedDto | undefined {
    return items.value.find((feed) => feed.streamId === streamId);
  }

  return { items, loaded, error, streamFeeds, load, regenerate, feedOf };
});
