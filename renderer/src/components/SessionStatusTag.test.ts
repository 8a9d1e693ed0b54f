// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import SessionStatusTag from './SessionStatusTag.vue';

describe('SessionStatusTag', () => {
  it('labels a recording as live, with the pulsing dot', () => {
    const tag = mount(SessionStatusTag, { props: { status: 'RECORDING' } });
    const el = tag.get('[data-testid="session-status"]');
    expect(el.attributes('data-status')).toBe('RECORDING');
    expect(el.text()).toBe('Recording');
    expect(tag.find('.live-dot').exists()).toBe(true);
  });

  it('shows no live dot once the session completed', () => {
    const tag = mount(SessionStatusTag, { props: { status: 'COMPLETED' } });
    expect(tag.get('[data-testid="session-status"]').text()).toBe('Recorded');
    expect(tag.find('.live-dot').exists()).toBe(false);
  });
});
