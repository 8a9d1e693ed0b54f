// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { settingsValues } from '@contract/testing/backup-fixtures';
import { byTestId, click, mountInProviders, pageTest } from '../../testing/page';
import { expectRealPlaceholders, placeholders } from '../../testing/placeholders';
import SettingsView from '../../views/SettingsView.vue';
import DestinationEditor from '../destinations/DestinationEditor.vue';
import ChannelEditor from '../notifications/ChannelEditor.vue';

// Every field says what goes in it: a real placeholder, never the library's own "Please Input".
const app = pageTest();

beforeEach(() => {
  app.client.list('destinations.list', () => []);
  app.client.list('notificationChannels.list', () => []);
  app.client.handle('settings.get', () => ({ ...settingsValues(), lockedByEnv: [] }));
});

describe('placeholders', () => {
  it('in the destination editor', async () => {
    app.keep(mountInProviders(DestinationEditor, [], { target: 'new' }));
    await flushPromises();
    expectRealPlaceholders(byTestId('destination-editor'));
  });

  it('in the channel editor, e-mail fields included', async () => {
    app.keep(mountInProviders(ChannelEditor, [], { target: 'new' }));
    await flushPromises();
    await click('channel-kind-email');
    expectRealPlaceholders(byTestId('channel-editor'));
    expect(placeholders(byTestId('channel-editor'))).toContain('Empty: no login');
  });

  it('on the settings page (numbers and the password card)', async () => {
    app.keep(mountInProviders(SettingsView));
    await flushPromises();
    expectRealPlaceholders(byTestId('settings-card'));
    expectRealPlaceholders(byTestId('password-card'));
  });
});
