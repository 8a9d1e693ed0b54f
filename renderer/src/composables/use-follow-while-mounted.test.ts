// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it, vi } from 'vitest';
import { defineComponent, onMounted } from 'vue';
import { useFollowWhileMounted } from './use-follow-while-mounted';

describe('useFollowWhileMounted', () => {
  it('follows from the mount, after the hooks before it, and stops at the unmount', () => {
    const events: string[] = [];
    const stop = vi.fn(() => events.push('stop'));
    const Page = defineComponent({
      setup() {
        onMounted(() => events.push('load'));
        useFollowWhileMounted(() => {
          events.push('follow');
          return stop;
        });
        return () => null;
      },
    });
    expect(events).toEqual([]);
    const wrapper = mount(Page);
    expect(events).toEqual(['load', 'follow']);
    wrapper.unmount();
    expect(events).toEqual(['load', 'follow', 'stop']);
    expect(stop).toHaveBeenCalledTimes(1);
  });
});
