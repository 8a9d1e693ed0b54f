import { ref, shallowRef } from 'vue';
import type { StreamProbeDto } from '@contract/operations';
import { errorMessage } from '../../api/error-messages';
import { useStreamsStore } from '../../stores/streams';

/** A probe's answer, or why it could not be asked, for the URL it was about. */
export interface ProbeOutcome {
  url: string;
  answer?: StreamProbeDto;
  error?: string;
}

/**
 * "Test stream": asks the server to read a URL (up to about 10 s) while the form stays usable.
 * Only the latest test counts: an older answer that arrives later is dropped.
 */
export function useStreamProbe() {
  const streams = useStreamsStore();
  const probing = ref(false);
  const outcome = shallowRef<ProbeOutcome | null>(null);
  let generation = 0;

  async function run(url: string): Promise<void> {
    const mine = ++generation;
    const trimmed = url.trim();
    probing.value = true;
    let next: ProbeOutcome;
    try {
      next = { url: trimmed, answer: await streams.probe(trimmed) };
    } catch (error) {
      next = { url: trimmed, error: errorMessage(error) };
    }
    if (mine !== generation) return;
    outcome.value = next;
    probing.value = false;
  }

  function clear(): void {
    generation += 1;
    probing.value = false;
    outcome.value = null;
  }

  return { probing, outcome, run, clear };
}
