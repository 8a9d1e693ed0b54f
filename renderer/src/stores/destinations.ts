import { defineStore } from 'pinia';
import type {
  CreateDestinationInput,
  DestinationDto,
  DestinationTestDto,
  TestDestinationDraftInput,
  UpdateDestinationInput,
} from '@contract/operations';
import { useClient } from '../api/client';
import { useTestedList } from './tested-list';
import { useTestRuns } from './test-runs';

/**
 * What a connection test says about the server's host key, knowing what the core does
 * (core/src/operations/destinations.ts, core/src/transfer/host-key.ts):
 * - `pinned-now`: nothing was pinned and the test succeeded, so the core pinned the key it saw;
 * - `matches`: the key seen is the one pinned before;
 * - `not-pinned`: the key was seen but the test failed after the handshake (login, folder), so
 *   nothing was pinned: the first successful test or transfer will pin the key then presented;
 * - `mismatch`: another key is pinned; the core refused to go on (nothing was sent);
 * - `pinned-by-user`: pinned from this page after the test;
 * - `unseen`: the test did not get as far as the server's key (host unreachable...).
 */
export type HostKeyState =
  'pinned-now' | 'matches' | 'not-pinned' | 'mismatch' | 'pinned-by-user' | 'unseen';

/** The latest connection test of a destination, as the page shows it. */
export interface DestinationTestOutcome {
  result: DestinationTestDto;
  /** The fingerprint the server presented (`SHA256:…`), when the handshake got that far. */
  fingerprint: string | null;
  /** What is pinned now (after the test). */
  pinned: string | null;
  state: HostKeyState;
  /** When the test ran (ISO-8601). */
  at: string;
}

/**
 * The host key state from the pin before the test, the test's answer and the pin after it (the
 * destination read again: the core may have pinned during the test).
 */
export function hostKeyStateOf(
  pinnedBefore: string | null,
  result: DestinationTestDto,
  pinnedAfter: string | null,
): HostKeyState {
  const seen = result.hostKeyFingerprint ?? null;
  if (!seen) return result.code === 'HOST_KEY_MISMATCH' ? 'mismatch' : 'unseen';
  if (result.code === 'HOST_KEY_MISMATCH') return 'mismatch';
  if (pinnedAfter !== null && pinnedAfter !== seen) return 'mismatch';
  if (pinnedAfter === null) return 'not-pinned';
  return pinnedBefore === null ? 'pinned-now' : 'matches';
}

/** The input of `destinations.update` that keeps everything of `d` but the host key pin. */
function withPin(d: DestinationDto, fingerprint: string | null): UpdateDestinationInput {
  return {
    id: d.id,
    name: d.name,
    host: d.host,
    port: d.port,
    username: d.username,
    remoteDir: d.remoteDir,
    // the same path (or none) is not a new key; the stored key and passphrase are kept
    privateKeyPath: d.privateKeyPath,
    hostKeyFingerprint: fingerprint,
  };
}

/** The SFTP servers recordings are delivered to. */
export const useDestinationsStore = defineStore('destinations', () => {
  const client = useClient();
  const runs = useTestRuns<DestinationTestOutcome>();
  const { tests, record, forget, run } = runs;
  // create rejects with the ApiError (its `field` names the input at fault); the server refuses
  // remove (409) while a stream delivers to it
  const { list, save, shown } = useTestedList(
    {
      list: () => client.invoke('destinations.list'),
      create: (input: CreateDestinationInput) => client.invoke('destinations.create', input),
      update: (input: UpdateDestinationInput) => client.invoke('destinations.update', input),
      delete: (id) => client.invoke('destinations.delete', { id }),
    },
    runs,
  );
  const { byId, put } = list;

  /** The name of a destination, or a stand-in while they load or when it was deleted. */
  const nameOf = (id: string): string => list.nameOf(id, 'Deleted destination');

  /** Replaces a destination (omitted key and passphrase are kept; see the contract). */
  async function update(input: UpdateDestinationInput): Promise<DestinationDto> {
    const updated = await save(input);
    const last = tests.value[updated.id];
    // the pin changed: what the last test said about it no longer holds
    if (last && last.pinned !== updated.hostKeyFingerprint) forget(updated.id);
    return updated;
  }

  /**
   * Tests the connection (login, remoteDir writable) and reads the destination again, since a
   * first successful test pins the host key. Rejects only when the test could not be asked.
   */
  function test(id: string): Promise<DestinationTestOutcome> {
    const before = byId.value.get(id)?.hostKeyFingerprint ?? null;
    return run(id, async () => {
      const result = await client.invoke('destinations.test', { id });
      let after = before;
      try {
        const fresh = await client.invoke('destinations.get', { id });
        put(fresh);
        after = fresh.hostKeyFingerprint;
      } catch {
        // the list keeps what it had; the state is worked out from the answer alone
        if (result.ok && before === null) after = result.hostKeyFingerprint ?? null;
      }
      return {
        result,
        fingerprint: result.hostKeyFingerprint ?? null,
        pinned: after,
        state: hostKeyStateOf(before, result, after),
        at: new Date().toISOString(),
      };
    });
  }

  /**
   * Tests a destination that is not saved (the editor's values; with `id`, the stored key and
   * passphrase stand in for omitted ones). Rejects with the ApiError of a refused value.
   */
  function testDraft(input: TestDestinationDraftInput): Promise<DestinationTestDto> {
    return client.invoke('destinations.testDraft', input);
  }

  /**
   * Pins `fingerprint` as the destination's host key (null unpins: the next successful
   * connection pins again). Everything else of the destination is kept.
   */
  async function pin(id: string, fingerprint: string | null): Promise<DestinationDto> {
    const current = byId.value.get(id) ?? (await client.invoke('destinations.get', { id }));
    const updated = await client.invoke('destinations.update', withPin(current, fingerprint));
    put(updated);
    const last = tests.value[id];
    if (last) {
      const state: HostKeyState =
        fingerprint === null
          ? last.fingerprint
            ? 'not-pinned'
            : 'unseen'
          : fingerprint === last.fingerprint
            ? 'pinned-by-user'
            : last.state;
      record(id, { ...last, pinned: updated.hostKeyFingerprint, state });
    }
    return updated;
  }

  return { ...shown, nameOf, update, test, testDraft, pin };
});
