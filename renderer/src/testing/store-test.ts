// Test support: the clean slate of a test that uses the stores. Never imported by the app.
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { beforeEach } from 'vitest';
import { installClient } from '../api/client';
import { fakeClient, type FakeClient, type FakeClientOptions } from './fake-client';

/** A store test's app: the fake client and the active pinia of the running test. */
export interface StoreTest {
  readonly client: FakeClient;
  readonly pinia: Pinia;
}

/**
 * Registers the clean slate of a store test in the calling file: before each test a fresh fake
 * client (`options`), installed as the app's, and a fresh active pinia (a file's own beforeEach,
 * registered after this call, then sets the client's answers).
 */
export function storeTest(options: FakeClientOptions = {}): StoreTest {
  let client: FakeClient;
  let pinia: Pinia;
  beforeEach(() => {
    client = fakeClient(options);
    installClient(client);
    pinia = createPinia();
    setActivePinia(pinia);
  });
  return {
    get client() {
      return client;
    },
    get pinia() {
      return pinia;
    },
  };
}
