// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import SecretField from './SecretField.vue';

const props = {
  label: 'Access token',
  value: '',
  noun: 'token',
  placeholder: 'None (optional)',
  help: 'Only for a protected topic.',
  testid: 'channel-token',
};

describe('SecretField', () => {
  it('while none is stored: its own placeholder and help, a password input', () => {
    const field = mount(SecretField, { props: { ...props, stored: false } });
    const input = field.get('[data-testid="channel-token"] input');
    expect(input.attributes('placeholder')).toBe('None (optional)');
    expect(input.attributes('type')).toBe('password');
    expect(input.attributes('autocomplete')).toBe('new-password');
    expect(field.text()).toContain('Only for a protected topic.');
    field.unmount();
  });

  it('while one is stored: "unchanged", and leaving it empty keeps it', () => {
    const field = mount(SecretField, { props: { ...props, stored: true } });
    expect(field.get('[data-testid="channel-token"] input').attributes('placeholder')).toBe(
      'unchanged',
    );
    expect(field.text()).toContain('A token is stored: leave this empty to keep it.');
    expect(field.text()).not.toContain('Only for a protected topic.');
    field.unmount();
  });

  it('tells what is typed', async () => {
    const field = mount(SecretField, { props: { ...props, stored: false } });
    await field.get('input').setValue('tk_new');
    expect(field.emitted('update:value')).toEqual([['tk_new']]);
    field.unmount();
  });
});
