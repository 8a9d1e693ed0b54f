// For component tests of the schedule and dashboard screens: mounts a component inside the
// providers App.vue gives (messages, dialogs) with a router and pinia. Never imported by the app.
import { mount } from '@vue/test-utils';
import { NConfigProvider, NDialogProvider, NMessageProvider } from 'naive-ui';
import type { Pinia } from 'pinia';
import { h, type Component } from 'vue';
import { createMemoryHistory, createRouter, RouterView, type Router } from 'vue-router';

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
  const Root = () =>
    h(NConfigProvider, null, {
      default: () =>
        h(NMessageProvider, null, {
          default: () => h(NDialogProvider, null, { default: () => h(RouterView) }),
        }),
    });
  const wrapper = mount(Root, { global: { plugins: [pinia, router] }, attachTo: document.body });
  return { wrapper, router };
}
