import { onBeforeUnmount, onMounted } from 'vue';
import type { Unsubscribe } from '../api/transport';

/**
 * Follows the server while the calling component is mounted: `follow` runs when it mounts (after
 * the mount hooks registered before this call) and what it answers is called when it unmounts.
 * Call in a component's setup.
 */
export function useFollowWhileMounted(follow: () => Unsubscribe): void {
  let stop: Unsubscribe | undefined;
  onMounted(() => {
    stop = follow();
  });
  onBeforeUnmount(() => stop?.());
}
