// @vitest-environment happy-dom
// The stream form's Podcast section and its cue-sheet checkbox, through the form as a user edits
// it: what saving sends, the contract's messages on a bad value, the server's on its field, and
// the saved stream's feed URL with its QR code.
import { flushPromises, type VueWrapper } from '@vue/test-utils';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StreamDto } from '@contract/operations';
import { NO_PODCAST } from '@contract/podcast';
import { streamDto } from '@contract/testing/stream-fixtures';
import { pageTest } from '../../testing/page';
import { expectRealPlaceholders } from '../../testing/placeholders';
import { fillRequired, mountStreamForm, refuseCreate } from './stream-form-test';
import { useStreamEditor, type StreamEditorState } from './use-stream-editor';

const app = pageTest();
let editor: StreamEditorState;
let sent: Record<string, unknown> | undefined;

const mountForm = (): VueWrapper => app.keep(mountStreamForm(editor));

const get = (wrapper: VueWrapper, id: string) => wrapper.get(`[data-testid="${id}"]`);
const messageOf = (wrapper: VueWrapper, field: string) =>
  get(wrapper, `field-${field}`).get('[data-testid="field-message"]').text();

function saved(input: Record<string, unknown>): StreamDto {
  return streamDto('new-1', { name: String(input.name), podcast: { ...NO_PODCAST } });
}

beforeEach(() => {
  sent = undefined;
  app.client.list('destinations.list', () => []);
  app.client.list('feeds.list', () => []);
  app.client.handle('streams.create', (input) => {
    sent = input;
    return saved(input);
  });
  editor = useStreamEditor();
  editor.open(null);
});

describe('the Podcast section and the cue sheet', () => {
  it('says in each of its fields what goes in it (no library "Please Input")', async () => {
    const wrapper = mountForm();
    await get(wrapper, 'podcast-enabled').trigger('click');
    expectRealPlaceholders(get(wrapper, 'podcast-fields').element);
  });

  it('sends the podcast fields and writeCueSheet as the user set them', async () => {
    const wrapper = mountForm();
    await fillRequired(wrapper);
    expect(wrapper.find('[data-testid="podcast-title-input"]').exists()).toBe(false);
    await get(wrapper, 'podcast-enabled').trigger('click');
    // blank fields say what they become: the stream's name and artist
    expect(get(wrapper, 'podcast-title-input').attributes('placeholder')).toBe('Morning Show');
    expect(get(wrapper, 'podcast-author-input').attributes('placeholder')).toBe('Radio X');
    expect(messageOf(wrapper, 'podcast.keepEpisodes')).toMatch(/stay in the feed and on this/);
    const keep = get(wrapper, 'podcast-keep-episodes');
    expect(document.querySelector(`label[for="${keep.element.id}"]`)?.textContent).toContain(
      'Episodes kept',
    );
    await get(wrapper, 'podcast-title-input').setValue('Mornings, recorded');
    await get(wrapper, 'podcast-description-input').setValue('The morning show, off the air.');
    await get(wrapper, 'podcast-language-input').setValue('de-AT');
    await keep.setValue('5');
    await keep.trigger('blur');
    await get(wrapper, 'podcast-explicit').trigger('click');
    await get(wrapper, 'stream-write-cue-sheet').trigger('click');
    // the form shows the Save in the editor drawer: here the editor's own save runs
    expect(await editor.save()).not.toBeNull();
    expect(sent).toMatchObject({
      writeCueSheet: true,
      podcast: {
        enabled: true,
        title: 'Mornings, recorded',
        description: 'The morning show, off the air.',
        author: null,
        category: null,
        explicit: true,
        language: 'de-AT',
        keepEpisodes: 5,
      },
    });
  });

  it("shows the contract's messages on bad values and sends nothing", async () => {
    const wrapper = mountForm();
    await fillRequired(wrapper);
    await get(wrapper, 'podcast-enabled').trigger('click');
    await get(wrapper, 'podcast-language-input').setValue('English (UK)');
    await get(wrapper, 'podcast-language-input').trigger('blur');
    expect(messageOf(wrapper, 'podcast.language')).toBe('Must be a language tag (en, de-AT).');
    expect(get(wrapper, 'podcast-language-input').attributes('aria-invalid')).toBe('true');
    const keep = get(wrapper, 'podcast-keep-episodes');
    await keep.setValue('');
    await keep.trigger('blur');
    await flushPromises();
    expect(messageOf(wrapper, 'podcast.keepEpisodes')).toBe('Enter how many episodes to keep.');
    expect(await editor.save()).toBeNull();
    expect(sent).toBeUndefined();
  });

  it("puts the server's refusal on the podcast field it names", async () => {
    refuseCreate(
      app.client,
      'VALIDATION_FAILED',
      'podcast.keepEpisodes: must be at most 1000',
      'podcast.keepEpisodes',
    );
    const wrapper = mountForm();
    await fillRequired(wrapper);
    await get(wrapper, 'podcast-enabled').trigger('click');
    expect(await editor.save()).toBeNull();
    await flushPromises();
    expect(messageOf(wrapper, 'podcast.keepEpisodes')).toBe('Must be at most 1000.');
  });

  it("shows a saved stream's feed URL with Copy and its QR code, and sends back what was loaded", async () => {
    const stream = streamDto('s1', {
      name: 'Morning Show',
      writeCueSheet: true,
      podcast: { ...NO_PODCAST, enabled: true, category: 'News', keepEpisodes: 7 },
    });
    app.client.list('feeds.list', () => [
      { streamId: 's1', title: 'Morning Show', url: '/feeds/tok-1/s1.xml' },
      { streamId: null, title: 'All recordings', url: '/feeds/tok-1/all.xml' },
    ]);
    editor.open(stream);
    const wrapper = mountForm();
    await flushPromises();
    const feed = get(wrapper, 'podcast-feed');
    expect(feed.get('[data-testid="feed-url"]').text()).toBe(
      `${location.origin}/feeds/tok-1/s1.xml`,
    );
    expect(feed.find('[data-testid="feed-copy"]').exists()).toBe(true);
    await vi.waitFor(() => expect(feed.find('[data-testid="feed-qr"]').exists()).toBe(true));
    expect(feed.get('[data-testid="feed-qr"]').attributes('alt')).toBe(
      'QR code of the feed URL of Morning Show',
    );
    expect((get(wrapper, 'stream-write-cue-sheet').element as HTMLElement).className).toMatch(
      /checked/,
    );

    // what was loaded goes back unchanged
    app.client.handle('streams.update', (input) => {
      sent = input;
      return stream;
    });
    expect(await editor.save()).not.toBeNull();
    expect(sent).toMatchObject({
      writeCueSheet: true,
      podcast: { enabled: true, category: 'News', keepEpisodes: 7 },
    });
  });

  it('asks to save first for a feed switched on but not saved yet', async () => {
    const wrapper = mountForm();
    await get(wrapper, 'podcast-enabled').trigger('click');
    expect(get(wrapper, 'podcast-feed-pending').text()).toBe(
      'Save the stream to get its feed’s URL.',
    );
    expect(wrapper.find('[data-testid="feed-url"]').exists()).toBe(false);
  });
});
