import { ref, type Ref } from 'vue';

/**
 * The tests a store runs of its rows (a destination's connection, a channel's test alert): the
 * latest outcome of each (by id) and which are being tested now.
 */
export function useTestRuns<O>() {
  /** The latest outcome of each row's test (by id). */
  const tests = ref({}) as Ref<Record<string, O>>;
  /** The rows being tested now (by id). */
  const testing = ref<Record<string, boolean>>({});

  /** Keeps `outcome` as the row's latest. */
  function record(id: string, outcome: O): void {
    tests.value = { ...tests.value, [id]: outcome };
  }

  /** Forgets the row's latest outcome (the row changed or went). */
  function forget(id: string): void {
    const { [id]: _dropped, ...rest } = tests.value;
    tests.value = rest;
  }

  /** Runs a test of the row (`ask`), marked as testing meanwhile; keeps and answers its outcome. */
  async function run(id: string, ask: () => Promise<O>): Promise<O> {
    testing.value = { ...testing.value, [id]: true };
    try {
      const outcome = await ask();
      record(id, outcome);
      return outcome;
    } finally {
      const { [id]: _done, ...rest } = testing.value;
      testing.value = rest;
    }
  }

  return { tests, testing, record, forget, run };
}
