import { defineStore } from 'pinia';
import { ref } from 'vue';
import type {
  CreateStreamInput,
  StreamDto,
  StreamProbeDto,
  UpdateStreamInput,
} from '@contract/operations';
import { useClient } from '../api/client';
import { useNamedList } from './named-list';
import { useSessionsStore } from './sessions';

/** What else goes when a stream is deleted with cascade. */
export interface StreamDependents {
  schedules: number;
  sessions: number;
}

/** Where this browser remembers the URLs that answered "Test stream" (the core keeps none). */
export const TESTED_URLS_KEY = 'asr.testedStreamUrls';
const MAX_TESTED_URLS = 50;

function readTestedUrls(): string[] {
  try {
    const stored: unknown = JSON.parse(globalThis.localStorage?.getItem(TESTED_URLS_KEY) ?? '[]');
    return Array.isArray(stored) ? stored.filter((u): u is string => typeof u === 'string') : [];
  } catch {
    return [];
  }
}

/** The streams (stations) to record, by name. */
export const useStreamsStore = defineStore('streams', () => {
  const client = useClient();
  const list = useNamedList(() => client.invoke('streams.list'));
  const { items, loaded, loading, error, byId, load, ensureLoaded, put, drop, putting } = list;

  /** Creates a stream; answers it (rejects with an ApiError, its `field` naming the input). */
  const create = putting((input: CreateStreamInput) => client.invoke('streams.create', input));

  /** Replaces a stream's fields (its artwork is kept); answers it. */
  const update = putting((input: UpdateStreamInput) => client.invoke('streams.update', input));

  /** Reads one stream again (after its artwork changed: `updatedAt` moves, the URL does not). */
  const refresh = putting((id: string) => client.invoke('streams.get', { id }));

  /**
   * The stream read again after its artwork changed (`updatedAt` moves, the URL does not, so
   * pictures can tell the new image from the old); the known copy with `change` if that fails.
   */
  async function afterArtworkChange(id: string, change: Partial<StreamDto>): Promise<StreamDto> {
    try {
      return await refresh(id);
    } catch {
      const known = byId.value.get(id);
      if (!known) throw new Error(`Stream ${id} is not loaded.`);
      const patched = { ...known, ...change };
      put(patched);
      return patched;
    }
  }

  /** Sets a stream's artwork from the image's bytes (JPEG, PNG or WebP, at most 10 MB). */
  async function setArtwork(id: string, body: Uint8Array<ArrayBuffer>): Promise<StreamDto> {
    const { artworkUrl } = await client.invoke('streams.setArtwork', { id, body });
    return afterArtworkChange(id, { artworkUrl });
  }

  /** Removes a stream's artwork. */
  async function deleteArtwork(id: string): Promise<StreamDto> {
    await client.invoke('streams.deleteArtwork', { id });
    return afterArtworkChange(id, { artworkUrl: null });
  }

  /** How many schedules and sessions would go with the stream (for the confirmation). */
  async function dependentsOf(id: string): Promise<StreamDependents> {
    const [schedules, sessions] = await Promise.all([
      client.invoke('schedules.list', { streamId: id }),
      client.invoke('sessions.list', { streamId: id, limit: 1 }),
    ]);
    return { schedules: schedules.total, sessions: sessions.total };
  }

  /**
   * Deletes a stream and its artwork; with `cascade` also its schedules and sessions (with their
   * local files). The server refuses while one of its sessions records, processes or transfers.
   */
  async function remove(id: string, cascade: boolean): Promise<void> {
    await client.invoke('streams.delete', { id, cascade });
    drop(id);
    if (cascade) await useSessionsStore().load();
  }

  /** The URLs that answered "Test stream" in this browser (the first-run checklist's "tested"). */
  const testedUrls = ref<string[]>(readTestedUrls());

  function rememberTested(streamUrl: string): void {
    if (testedUrls.value.includes(streamUrl)) return;
    testedUrls.value = [streamUrl, ...testedUrls.value].slice(0, MAX_TESTED_URLS);
    try {
      globalThis.localStorage?.setItem(TESTED_URLS_KEY, JSON.stringify(testedUrls.value));
    } catch {
      // storage full or refused: remembered for this visit only
    }
  }

  /** Reads codec, bit rate and station name of a URL (takes up to about 10 s). */
  async function probe(streamUrl: string): Promise<StreamProbeDto> {
    const answer = await client.invoke('streams.probe', { streamUrl });
    if (answer.ok) rememberTested(streamUrl);
    return answer;
  }

  /** Records a stream now for `durationSeconds`; answers the new session (rejects with an ApiError). */
  async function record(id: string, durationSeconds: number) {
    const session = await client.invoke('streams.record', { id, durationSeconds });
    useSessionsStore().applyAnswer(session);
    return session;
  }

  /** The name of a stream, or a stand-in while streams load or when it was deleted. */
  const nameOf = (id: string): string => list.nameOf(id, 'Deleted stream');

  return {
    items,
    loaded,
    loading,
    error,
    byId,
    load,
    ensureLoaded,
    create,
    update,
    refresh,
    setArtwork,
    deleteArtwork,
    dependentsOf,
    remove,
    probe,
    testedUrls,
    record,
    nameOf,
  };
});
