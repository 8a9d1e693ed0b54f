// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import SearchField, { SEARCH_PAUSE_MS } from './SearchField.vue';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

function mountField(value: string | null = null) {
  return mount(SearchField, {
    props: { value, label: 'Search recordings', placeholder: 'Title, stream or file' },
    attachTo: document.body,
  });
}

describe('SearchField', () => {
  it('is named for screen readers and searches once typing pauses', async () => {
    const field = mountField();
    const input = field.get('input');
    expect(input.attributes('aria-label')).toBe('Search recordings');
    expect(input.attributes('placeholder')).toBe('Title, stream or file');
    await input.setValue('morn');
    await input.setValue('morning ');
    vi.advanceTimersByTime(SEARCH_PAUSE_MS - 1);
    expect(field.emitted('search')).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(field.emitted('search')).toEqual([['morning']]);
    field.unmount();
  });

  it('searches at once on Enter, and a blank search is none', async () => {
    const field = mountField('jazz');
    const input = field.get('input');
    expect((input.element as HTMLInputElement).value).toBe('jazz');
    await input.setValue('  ');
    await input.trigger('keydown', { key: 'Enter' });
    expect(field.emitted('search')).toEqual([[null]]);
    vi.advanceTimersByTime(SEARCH_PAUSE_MS * 2);
    expect(field.emitted('search')).toHaveLength(1);
    field.unmount();
  });

  it('shows a search that comes from outside (the URL), and leaves no timer when unmounted', async () => {
    const field = mountField();
    await field.setProps({ value: 'news' });
    expect((field.get('input').element as HTMLInputElement).value).toBe('news');
    await field.get('input').setValue('new');
    field.unmount();
    expect(vi.getTimerCount()).toBe(0);
  });
});
