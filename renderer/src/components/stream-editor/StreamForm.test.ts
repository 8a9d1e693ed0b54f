// @vitest-environment happy-dom
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { ARTWORK_MAX_BYTES, type DestinationDto, type StreamProbeDto } from '@contract/operations';
import { streamDto } from '@contract/testing/stream-fixtures';
import { ApiError } from '../../api/api-error';
import type { FakeClient } from '../../testing/fake-client';
import { storeTest } from '../../testing/store-test';
import { expectRealPlaceholders } from '../../testing/placeholders';
import { fillRequired, mountStreamForm, refuseCreate } from './stream-form-test';
import { useStreamEditor, type StreamEditorState } from './use-stream-editor';

const app = storeTest();
let client: FakeClient;
let editor: StreamEditorState;
let destinations: DestinationDto[];

const mountForm = (): VueWrapper => mountStreamForm(editor);

const input = (wrapper: VueWrapper, id: string) => wrapper.get(`[data-testid="${id}"]`);
const messageOf = (wrapper: VueWrapper, field: string) =>
  wrapper.find(`[data-testid="field-${field}"] [data-testid="field-message"]`);

/** Picks `file` in the artwork's file input, as a user (or Playwright's setInputFiles) would. */
async function pickArtwork(wrapper: VueWrapper, file: File) {
  const el = input(wrapper, 'artwork-input');
  Object.defineProperty(el.element, 'files', { value: [file], configurable: true });
  await el.trigger('change');
}

beforeEach(() => {
  client = app.client;
  destinations = [];
  client.handle('destinations.list', () => ({ items: destinations, total: destinations.length }));
  editor = useStreamEditor();
  editor.open(null);
});

describe('StreamForm', () => {
  it('says in each field what goes in it (no library "Please Input")', () => {
    const wrapper = mountForm();
    expectRealPlaceholders(wrapper.element);
    wrapper.unmount();
  });

  it('labels every text input for screen readers', () => {
    const wrapper = mountForm();
    for (const id of [
      'stream-name-input',
      'stream-url-input',
      'stream-artist-input',
      'stream-album-input',
      'stream-album-artist-input',
      'stream-genre-input',
      'stream-pattern-input',
    ]) {
      const el = input(wrapper, id).element as HTMLInputElement;
      const label = document.querySelector(`label[for="${el.id}"]`);
      expect(label?.textContent?.trim(), id).toBeTruthy();
    }
    wrapper.unmount();
  });

  it("shows the schema's message on the URL field as the user types", async () => {
    const wrapper = mountForm();
    expect(messageOf(wrapper, 'streamUrl').text()).toMatch(/^A network stream/); // the hint
    await input(wrapper, 'stream-url-input').setValue('radio.example.com/live');
    expect(messageOf(wrapper, 'streamUrl').text()).toBe(
      'This needs a scheme, e.g. https://radio.example.com/live.mp3.',
    );
    expect(input(wrapper, 'stream-url-input').attributes('aria-invalid')).toBe('true');
    expect(input(wrapper, 'probe-stream').attributes('disabled')).toBeDefined();
    await input(wrapper, 'stream-url-input').setValue('https://radio.example.com/live');
    expect(messageOf(wrapper, 'streamUrl').text()).toMatch(/^A network stream/);
    wrapper.unmount();
  });

  it("puts the server's refusal on the field it names and keeps every value", async () => {
    refuseCreate(client, 'INVALID_URL', 'streamUrl: the host cannot be resolved', 'streamUrl');
    const wrapper = mountForm();
    await fillRequired(wrapper);
    await input(wrapper, 'stream-genre-input').setValue('Talk');
    expect(await editor.save()).toBeNull();
    await flushPromises();
    expect(messageOf(wrapper, 'streamUrl').text()).toBe('The host cannot be resolved.');
    expect(wrapper.get('[data-testid="form-error"]').text()).toMatch(/refused a field/);
    const values = [
      'stream-name-input',
      'stream-url-input',
      'stream-artist-input',
      'stream-genre-input',
    ].map((id) => (input(wrapper, id).element as HTMLInputElement).value);
    expect(values).toEqual([
      'Morning Show',
      'https://radio.example.com/live.mp3',
      'Radio X',
      'Talk',
    ]);
    wrapper.unmount();
  });

  it("edits dead-air detection: labelled, with help, the schema's message on a bad value, and sends both", async () => {
    let sent: Record<string, unknown> | undefined;
    client.handle('streams.create', (body) => {
      sent = body as Record<string, unknown>;
      throw new ApiError('VALIDATION_FAILED', 'deadAirSeconds: must be at most 3600 seconds', {
        field: 'deadAirSeconds',
      });
    });
    const wrapper = mountForm();
    const level = input(wrapper, 'stream-silence-level');
    const length = input(wrapper, 'stream-dead-air-seconds');
    for (const el of [level, length]) {
      const label = document.querySelector(`label[for="${el.element.id}"]`);
      expect(label?.textContent?.trim()).toBeTruthy();
    }
    expect((level.element as HTMLInputElement).value).toBe('-50');
    expect((length.element as HTMLInputElement).value).toBe('60');
    expect(messageOf(wrapper, 'silenceThresholdDb').text()).toMatch(/counts as silence/);
    expect(messageOf(wrapper, 'deadAirSeconds').text()).toMatch(/0 turns this off/);
    expect(length.attributes('aria-describedby')).toBe(
      messageOf(wrapper, 'deadAirSeconds').attributes('id'),
    );

    await level.setValue('-5');
    await level.trigger('blur');
    await flushPromises();
    expect(messageOf(wrapper, 'silenceThresholdDb').text()).toBe('Must be at most -10 dB.');
    expect(level.attributes('aria-invalid')).toBe('true');
    await level.setValue('-45');
    await level.trigger('blur');
    await flushPromises();
    expect(messageOf(wrapper, 'silenceThresholdDb').text()).toMatch(/counts as silence/);

    // the server's refusal lands on its field
    await fillRequired(wrapper);
    expect(await editor.save()).toBeNull();
    await flushPromises();
    expect(sent).toMatchObject({ silenceThresholdDb: -45, deadAirSeconds: 60 });
    expect(messageOf(wrapper, 'deadAirSeconds').text()).toBe('Must be at most 3600 seconds.');

    // 0 turns detection off: the level is not used then
    await length.setValue('0');
    await length.trigger('blur');
    await flushPromises();
    expect(messageOf(wrapper, 'deadAirSeconds').text()).toMatch(/^Off/);
    expect(level.attributes('disabled')).toBeDefined();
    wrapper.unmount();
  });

  it('refuses artwork over 10 MB before anything is uploaded', async () => {
    client.handle('streams.create', () => streamDto('new-1'));
    const wrapper = mountForm();
    await fillRequired(wrapper);
    const big = new File([new Uint8Array(ARTWORK_MAX_BYTES + 1)], 'poster.png', {
      type: 'image/png',
    });
    await pickArtwork(wrapper, big);
    expect(input(wrapper, 'artwork-error').text()).toMatch(
      /^“poster.png” is 10 MB; artwork may be at most 10 MB/,
    );
    expect(wrapper.find('[data-testid="artwork-preview"]').exists()).toBe(false);
    expect(editor.artwork.value).toEqual({ kind: 'keep' });
    client.handle('streams.get', () => streamDto('new-1'));
    await editor.save();
    expect(client.calls.map((c) => c.op)).not.toContain('streams.setArtwork');
    wrapper.unmount();
  });

  it('previews a picked image before it is uploaded', async () => {
    const wrapper = mountForm();
    const cover = new File([new Uint8Array([0xff, 0xd8, 0xff])], 'cover.jpg', {
      type: 'image/jpeg',
    });
    await pickArtwork(wrapper, cover);
    expect(editor.artwork.value).toEqual({ kind: 'set', file: cover });
    expect(input(wrapper, 'artwork-preview').attributes('src')).toMatch(/^blob:/);
    expect(wrapper.find('[data-testid="artwork-error"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('tests the stream while the form stays editable, then shows codec, bit rate and name', async () => {
    let answer!: (value: StreamProbeDto) => void;
    client.handle('streams.probe', () => new Promise((resolve) => (answer = resolve)));
    const wrapper = mountForm();
    await input(wrapper, 'stream-url-input').setValue('https://radio.example.com/live.mp3');
    await input(wrapper, 'probe-stream').trigger('click');
    expect(wrapper.find('[data-testid="probe-running"]').exists()).toBe(true);
    await input(wrapper, 'stream-artist-input').setValue('Typed while testing');
    answer({
      ok: true,
      codec: 'mp3',
      bitrateKbps: 128,
      sampleRate: 44100,
      channels: 2,
      name: 'Radio X Live',
    });
    await flushPromises();
    expect(client.calls.find((c) => c.op === 'streams.probe')?.input).toEqual({
      streamUrl: 'https://radio.example.com/live.mp3',
    });
    expect(input(wrapper, 'probe-result').attributes('data-ok')).toBe('true');
    expect(input(wrapper, 'probe-codec').text()).toBe('mp3');
    expect(input(wrapper, 'probe-bitrate').text()).toBe('128 kb/s');
    expect(input(wrapper, 'probe-name').text()).toBe('Radio X Live');
    expect(editor.draft.value.artist).toBe('Typed while testing');
    await input(wrapper, 'probe-use-name').trigger('click');
    expect((input(wrapper, 'stream-name-input').element as HTMLInputElement).value).toBe(
      'Radio X Live',
    );
    wrapper.unmount();
  });

  it('says why a stream could not be read', async () => {
    client.handle('streams.probe', () => ({
      ok: false,
      codec: null,
      bitrateKbps: null,
      sampleRate: null,
      channels: null,
      error: 'Connection refused.',
    }));
    const wrapper = mountForm();
    await input(wrapper, 'stream-url-input').setValue('https://radio.example.com/live.mp3');
    await input(wrapper, 'probe-stream').trigger('click');
    await flushPromises();
    expect(input(wrapper, 'probe-result').attributes('data-ok')).toBe('false');
    expect(input(wrapper, 'probe-result').text()).toBe('Connection refused.');
    wrapper.unmount();
  });

  it('with no destinations, says recordings stay local and links to the destinations page', async () => {
    const wrapper = mountForm();
    await flushPromises();
    expect(input(wrapper, 'stream-destination').text()).toContain('None (keep recordings');
    expect(input(wrapper, 'no-destinations').text()).toContain('stay on this machine');
    expect(input(wrapper, 'go-to-destinations').attributes('href')).toBe('/destinations');
    wrapper.unmount();
  });

  it('shows the chosen destination by name', async () => {
    destinations = [
      {
        id: 'd1',
        name: 'Archive',
        host: 'sftp.example.com',
        port: 22,
        username: 'rec',
        remoteDir: '/srv/radio',
      } as DestinationDto,
    ];
    editor.draft.value.destinationId = 'd1';
    const wrapper = mountForm();
    await flushPromises();
    expect(input(wrapper, 'stream-destination').text()).toContain('Archive');
    expect(wrapper.find('[data-testid="no-destinations"]').exists()).toBe(false);
    wrapper.unmount();
  });

  it('picks a destination, or none, from its options', async () => {
    destinations = [
      { id: 'd1', name: 'Archive', host: 'h', port: 22, username: 'u', remoteDir: '/r' },
      { id: 'd2', name: 'Podcast', host: 'h', port: 22, username: 'u', remoteDir: '/p' },
    ] as DestinationDto[];
    const wrapper = mountForm();
    await flushPromises();
    const select = input(wrapper, 'stream-destination');
    const focusable = select.get('[tabindex="0"]');
    expect(focusable.attributes('aria-label')).toBe('Destination');
    expect(focusable.attributes('role')).toBe('combobox');
    await focusable.trigger('click');
    await flushPromises();
    const option = (id: string) =>
      document.body.querySelector<HTMLElement>(
        `[data-testid="destination-option"][data-destination-id="${id}"]`,
      );
    expect(option('')?.textContent).toContain('None');
    option('d2')!.click();
    await flushPromises();
    expect(editor.draft.value.destinationId).toBe('d2');
    await focusable.trigger('click');
    await flushPromises();
    option('')!.click();
    await flushPromises();
    expect(editor.draft.value.destinationId).toBeNull();
    wrapper.unmount();
  });

  it('previews the file name of what is typed', async () => {
    const wrapper = mountForm();
    await input(wrapper, 'stream-name-input').setValue('Morning Show');
    await input(wrapper, 'stream-pattern-input').setValue('{name} {track}');
    expect(input(wrapper, 'preview-file-name').text()).toMatch(/^Morning Show \d+\.mp3$/);
    await input(wrapper, 'insert-token-artist').trigger('click');
    expect(editor.draft.value.outputFilenamePattern).toBe('{name} {track} {artist}');
    wrapper.unmount();
  });
});
