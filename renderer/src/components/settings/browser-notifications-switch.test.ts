// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { NConfigProvider } from 'naive-ui';
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { h } from 'vue';
import { installClient } from '../../api/client';
import { BROWSER_NOTIFICATIONS_KEY } from '../../stores/notifications';
import { fakeClient } from '../../testing/fake-client';
import BrowserNotificationsSwitch from './BrowserNotificationsSwitch.vue';

const requestPermission = vi.fn<() => Promise<NotificationPermission>>();

function installNotification(permission: NotificationPermission) {
  const fake = Object.assign(function FakeNotification() {}, { permission, requestPermission });
  requestPermission.mockImplementation(async () => fake.permission);
  vi.stubGlobal('Notification', fake);
  return fake;
}

/** A browser not asked yet (`default`) that answers `answer` when it is asked. */
function notAskedYet(answer: NotificationPermission): void {
  const fake = installNotification('default');
  requestPermission.mockImplementation(async () => {
    fake.permission = answer;
    return answer;
  });
}

function mountSwitch() {
  return mount(() => h(NConfigProvider, null, { default: () => h(BrowserNotificationsSwitch) }));
}

beforeEach(() => {
  requestPermission.mockReset();
  localStorage.clear();
  const client = fakeClient();
  client.handle('settings.get', () => ({ lockedByEnv: [] }));
  client.handle('streams.list', () => ({ items: [], total: 0 }));
  client.handle('destinations.list', () => ({ items: [], total: 0 }));
  installClient(client);
  setActivePinia(createPinia());
});

afterEach(() => vi.unstubAllGlobals());

describe('Show notifications in this browser', () => {
  it('asks the browser on the click and turns on when allowed', async () => {
    notAskedYet('granted');
    const wrapper = mountSwitch();
    const toggle = wrapper.get('[data-testid="browser-notifications-switch"]');
    expect(toggle.attributes('aria-checked')).toBe('false');
    expect(requestPermission).not.toHaveBeenCalled();
    await toggle.trigger('click');
    await flushPromises();
    expect(requestPermission).toHaveBeenCalledTimes(1);
    expect(toggle.attributes('aria-checked')).toBe('true');
    expect(localStorage.getItem(BROWSER_NOTIFICATIONS_KEY)).toBe('on');
    // and off again
    await toggle.trigger('click');
    await flushPromises();
    expect(toggle.attributes('aria-checked')).toBe('false');
    expect(localStorage.getItem(BROWSER_NOTIFICATIONS_KEY)).toBeNull();
  });

  it('explains how to allow them when the browser blocks them', async () => {
    notAskedYet('denied');
    const wrapper = mountSwitch();
    await wrapper.get('[data-testid="browser-notifications-switch"]').trigger('click');
    await flushPromises();
    expect(
      wrapper.get('[data-testid="browser-notifications-switch"]').attributes('aria-checked'),
    ).toBe('false');
    expect(wrapper.get('[data-testid="browser-notifications-denied"]').text()).toContain(
      'blocked for this site',
    );
  });

  it('says so where the browser has no notifications', () => {
    vi.stubGlobal('Notification', undefined);
    const wrapper = mountSwitch();
    expect(wrapper.find('[data-testid="browser-notifications-unsupported"]').exists()).toBe(true);
  });
});
