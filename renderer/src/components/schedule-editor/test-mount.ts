// For component tests of the schedule and dashboard screens: mounts a component inside the
// providers App.vue gives (messages, dialogs) with a router and pinia. Never imported by the app.
import type { VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia, type Pinia } from 'pinia';
import { afterEach, beforeEach } from 'vitest';
import { h, type Component } from 'vue';
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router';
import { installClient } from '../../api/client';
import { fakeClient, type FakeClient } from '../../testing/fake-client';
import { mountInProviders } from '../../testing/page';

const Blank = () => h('div');

/** A router with the app's route names (pages are blank but `view` at `path`). */
export function testRouter(view: Component, path: string): Router {
  const names = ['dashboard', 'streams', 'schedules', 'recordings'];
  return createRouter({
    history: createMemoryHistory(),
    routes: names.map((name) => ({
      path: name === 'dashboard' ? '/' : `/${name}`,
      name,
      component: (name === 'dashboard' ? '/' : `/${name}`) === path ? view : Blank,
    })),
  });
}

/**
 * Mounts `view` at `url` (e.g. `/schedules?stream=st-2`) inside the providers; resolves once the
 * router is ready.
 */
export async function mountPage(view: Component, url: string, pinia: Pinia) {
  const path = url.split('?')[0]!;
  const router = testRouter(view, path);
  await router.push(url);
  await router.isReady();
  const wrapper = mountInProviders(RouterView, [pinia, router]);
  return { wrapper, router };
}

/** A page test's app: the fake client, the active pinia, and a mount that is undone after the test. */
export interface PageTest {
  readonly client: FakeClient;
  readonly pinia: Pinia;
  /** `mountPage` with this test's pinia; the page is unmounted (and emptied) after the test. */
  mount(view: Component, url: string): ReturnType<typeof mountPage>;
  /** Unmounts `wrapper` (mounted by the test otherwise) after the test. */
  keep<W extends VueWrapper>(wrapper: W): W;
}

/**
 * Registers the clean slate of a page test in the calling file: before each test a fresh fake
 * client, installed as the app's, and a fresh active pinia (a file's own beforeEach, registered
 * after this call, then sets the client's answers); after each, what `mount` mounted is unmounted.
 */
export function pageTest(): PageTest {
  let client: FakeClient;
  let pinia: Pinia;
  let mounted: VueWrapper | undefined;
  beforeEach(() => {
    client = fakeClient();
    installClient(client);
    pinia = createPinia();
    setActivePinia(pinia);
  });
  afterEach(() => {
    mounted?.unmount();
    mounted = undefined;
    document.body.innerHTML = '';
  });
  return {
    get client() {
      return client;
    },
    get pinia() {
      return pinia;
    },
    async mount(view, url) {
      const page = await mountPage(view, url, pinia);
      mounted = page.wrapper;
      return page;
    },
    keep(wrapper) {
      mounted = wrapper;
      return wrapper;
    },
  };
}

/** Answers cron.preview with `nextRuns` in the zone asked for (UTC when none), with no warnings. */
export function answerPreviews(client: FakeClient, nextRuns: string[]): void {
  client.handle('cron.preview', (input) => ({
    nextRuns,
    timezone: (input.timezone as string | undefined) ?? 'UTC',
    warnings: [],
  }));
}
