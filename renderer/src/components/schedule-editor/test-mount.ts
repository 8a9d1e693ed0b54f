// For component tests of the app's screens: mounts a component inside the
// providers App.vue gives (messages, dialogs) with a router and pinia. Never imported by the app.
import type { Pinia } from 'pinia';
import { h, type Component } from 'vue';
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router';
import { routes } from '../../router/routes';
import type { FakeClient } from '../../testing/fake-client';
import { mountInProviders } from '../../testing/page';

const Blank = () => h('div');

/** The pages of the app's layout (router/routes.ts): their paths and names. */
const PAGES = routes.find((route) => route.path === '/')?.children ?? [];

/** A router with the app's pages (each blank but `view` at `path`). */
export function testRouter(view: Component, path: string): Router {
  return createRouter({
    history: createMemoryHistory(),
    routes: PAGES.map((page) => ({
      path: `/${page.path}`,
      name: page.name,
      component: `/${page.path}` === path ? view : Blank,
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

/** Answers cron.preview with `nextRuns` in the zone asked for (UTC when none), with no warnings. */
export function answerPreviews(client: FakeClient, nextRuns: string[]): void {
  client.handle('cron.preview', (input) => ({
    nextRuns,
    timezone: (input.timezone as string | undefined) ?? 'UTC',
    warnings: [],
  }));
}
