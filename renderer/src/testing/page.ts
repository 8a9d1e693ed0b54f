// Test support for component tests in happy-dom: mounting inside naive-ui's providers and finding
// what is on the page. Modals, drawers and dialogs are teleported to the body, so lookups search
// the whole document, and mounts are attached to it (the test unmounts what it mounted).
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils';
import { NConfigProvider, NDialogProvider, NMessageProvider } from 'naive-ui';
import { afterEach } from 'vitest';
import { defineComponent, h, type Component, type Plugin } from 'vue';
import { RouterView, type Router } from 'vue-router';
import type { FakeClientOptions } from './fake-client';
import { storeTest, type StoreTest } from './store-test';

/**
 * Mounts `view` (with `props`) inside the config, message and dialog providers the app puts
 * around it.
 */
export function mountInProviders(
  view: Component,
  plugins: Plugin[] = [],
  props: Record<string, unknown> = {},
): VueWrapper {
  const Harness = defineComponent({
    setup: () => () =>
      h(NConfigProvider, null, {
        default: () =>
          h(NMessageProvider, null, {
            default: () => h(NDialogProvider, null, { default: () => h(view, props) }),
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

/**
 * Types `value` into the element with that test id (an input or text area, or the first one
 * inside it), as a user does: focus, input, change, blur; then lets the page settle.
 */
export async function typeInto(id: string, value: string): Promise<void> {
  const root = byTestId(id);
  const input =
    root instanceof HTMLInputElement || root instanceof HTMLTextAreaElement
      ? root
      : root.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea')!;
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
  input.blur();
  await flushPromises();
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

/** A page test's app: the fake client, the active pinia, and what to unmount after the test. */
export interface PageTest extends StoreTest {
  /** Unmounts `mounted` (a wrapper, or a page holding one) after the test; answers it. */
  keep<T extends VueWrapper | { wrapper: VueWrapper }>(mounted: T): T;
}

/**
 * Registers the clean slate of a page test in the calling file: that of a store test (storeTest:
 * a fresh fake client with `options` and a fresh pinia before each test); after each, what `keep`
 * was handed is unmounted and the page emptied.
 */
export function pageTest(options: FakeClientOptions = {}): PageTest {
  const app = storeTest(options);
  let mounted: VueWrapper | undefined;
  afterEach(() => {
    mounted?.unmount();
    mounted = undefined;
    document.body.innerHTML = '';
  });
  return {
    get client() {
      return app.client;
    },
    get pinia() {
      return app.pinia;
    },
    keep(kept) {
      mounted = 'wrapper' in kept ? kept.wrapper : kept;
      return kept;
    },
  };
}
