// Test support for component tests in happy-dom: mounting inside naive-ui's providers and finding
// what is on the page. Modals, drawers and dialogs are teleported to the body, so lookups search
// the whole document, and mounts are attached to it (the test unmounts what it mounted).
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { NConfigProvider, NDialogProvider, NMessageProvider } from 'naive-ui';
import { defineComponent, h, type Component, type Plugin } from 'vue';
import { RouterView, type Router } from 'vue-router';

/** Mounts `view` inside the config, message and dialog providers the app puts around it. */
export function mountInProviders(view: Component, plugins: Plugin[] = []): VueWrapper {
  const Harness = defineComponent({
    setup: () => () =>
      h(NConfigProvider, null, {
        default: () =>
          h(NMessageProvider, null, {
            default: () => h(NDialogProvider, null, { default: () => h(view) }),
          }),
      }),
  });
  return mount(Harness, { global: { plugins }, attachTo: document.body });
}

/** Goes to `path` and mounts the router's view inside the providers, once it has settled. */
export async function openRoute(router: Router, path: string): Promise<VueWrapper> {
  await router.push(path);
  await router.isReady();
  const wrapper = mountInProviders(RouterView, [router]);
  await flushPromises();
  return wrapper;
}

/** An element anywhere in the page; throws when there is none. */
export function byTestId<T extends Element = HTMLElement>(id: string): T {
  const found = document.querySelector<T>(`[data-testid="${id}"]`);
  if (!found) throw new Error(`no [data-testid="${id}"] in the page`);
  return found;
}

/** The element with that test id, or null. */
export function maybe(id: string): Element | null {
  return document.querySelector(`[data-testid="${id}"]`);
}

/** Clicks the element with that test id and lets the page settle. */
export async function click(id: string): Promise<void> {
  byTestId(id).click();
  await flushPromises();
}

/** The last button with exactly that text (dialogs are added at the end of the page). */
export function lastButton(text: string): HTMLButtonElement {
  const button = [...document.querySelectorAll('button')]
    .reverse()
    .find((b) => b.textContent?.trim() === text);
  if (!button) throw new Error(`no button "${text}"`);
  return button;
}
