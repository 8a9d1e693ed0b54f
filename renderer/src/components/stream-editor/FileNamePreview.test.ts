// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import FileNamePreview from './FileNamePreview.vue';

const at = new Date('2026-11-23T23:30:15Z');

function preview(props: Record<string, unknown>) {
  return mount(FileNamePreview, {
    props: {
      pattern: '',
      name: 'Morning Show',
      artist: 'Radio X',
      album: 'Mornings',
      at,
      timeZone: 'Europe/Berlin',
      ...props,
    },
  });
}

const text = (wrapper: ReturnType<typeof preview>, id: string) =>
  wrapper.get(`[data-testid="${id}"]`).text();

describe('FileNamePreview', () => {
  it('shows the default file name, the title and the track of the local date', () => {
    const wrapper = preview({});
    // 23:30 UTC is already the 24th in Berlin: track 2519 (days since 2020-01-01)
    expect(text(wrapper, 'preview-file-name')).toBe('2026-11-24 Morning Show.mp3');
    expect(text(wrapper, 'preview-title')).toBe('2026-11-24 Morning Show');
    expect(text(wrapper, 'preview-track')).toBe('2519');
    // "Track" explains itself
    expect(wrapper.text()).toContain('days since 2020-01-01');
    expect(wrapper.text()).toContain('in your time zone, Europe/Berlin');
  });

  it('renders a pattern with every token, made safe like the processor does', () => {
    const wrapper = preview({
      pattern: '{track} - {artist}/{album} {time} {nope}',
      name: '  Morning Show  ',
    });
    expect(text(wrapper, 'preview-file-name')).toBe('2519 - Radio X_Mornings 00-30-15 {nope}.mp3');
    expect(text(wrapper, 'preview-title')).toBe('2026-11-24 Morning Show');
  });

  it('reads the date in the given time zone', () => {
    const wrapper = preview({ timeZone: 'America/New_York', pattern: '{date} {track}' });
    expect(text(wrapper, 'preview-file-name')).toBe('2026-11-23 2518.mp3');
    expect(text(wrapper, 'preview-track')).toBe('2518');
  });

  it('offers the tokens to insert', async () => {
    const wrapper = preview({});
    await wrapper.get('[data-testid="insert-token-track"]').trigger('click');
    expect(wrapper.emitted('insert')).toEqual([['{track}']]);
  });
});
