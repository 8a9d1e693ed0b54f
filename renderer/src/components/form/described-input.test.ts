import { describe, expect, it } from 'vitest';
import { describedInputProps, describedOf, messageIdOf } from './described-input';

describe('describedInputProps', () => {
  it('describes the input by its message while it has a problem or a hint', () => {
    expect(describedInputProps({ id: 'v-1', testid: 'x-input', hint: 'Say it' })).toEqual({
      id: 'v-1',
      'aria-required': undefined,
      'aria-invalid': undefined,
      'aria-describedby': 'v-1-message',
      'data-testid': 'x-input',
    });
    const wrong = describedInputProps({ id: 'v-2', testid: 't', error: 'Bad', required: true });
    expect(wrong['aria-invalid']).toBe('true');
    expect(wrong['aria-required']).toBe('true');
    expect(wrong['aria-describedby']).toBe(messageIdOf('v-2'));
  });

  it('leaves aria-describedby out when there is nothing under the field', () => {
    expect(describedInputProps({ id: 'v-3', testid: 't' })['aria-describedby']).toBeUndefined();
  });
});

describe('describedOf', () => {
  it('keeps only what a described field takes', () => {
    const own = { label: 'L', field: 'f', testid: 't', hint: 'h', value: 'v', placeholder: 'p' };
    expect(describedOf(own)).toEqual({
      label: 'L',
      error: undefined,
      hint: 'h',
      required: undefined,
      testid: 't',
      field: 'f',
    });
  });
});
