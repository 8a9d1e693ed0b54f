import type { InputHTMLAttributes } from 'vue';

/** The props of a described field (DescribedField, and the fields made of it). */
export interface DescribedFieldProps {
  label: string;
  /** The problem to show under the field. */
  error?: string | undefined;
  /** Said under the field while it has no problem. */
  hint?: string | undefined;
  required?: boolean;
  /** On the <input> itself. */
  testid: string;
  /** The form-item's test id (where its message shows) is `field-<field>`. */
  field: string;
}

/** The DescribedField props among a field's own (what it passes on: `v-bind="describedOf($props)"`). */
export function describedOf(props: DescribedFieldProps): DescribedFieldProps {
  const { label, error, hint, required, testid, field } = props;
  return { label, error, hint, required, testid, field };
}

export interface DescribedInput {
  /** The <input>'s id (its label's `for`); its message is `<id>-message`. */
  id: string;
  /** On the <input> itself. */
  testid: string;
  error?: string | null | undefined;
  hint?: string | null | undefined;
  required?: boolean;
}

/** The id of the message under a field whose input has `id` (FormField's `message-id`). */
export const messageIdOf = (id: string): string => `${id}-message`;

/**
 * The attributes of an <input> labelled by its form item's label (`for` its id) and described by
 * the message under it: its problem, or else its hint.
 */
export function describedInputProps(input: DescribedInput): InputHTMLAttributes {
  return {
    id: input.id,
    'aria-required': input.required ? 'true' : undefined,
    'aria-invalid': input.error ? 'true' : undefined,
    'aria-describedby': input.error || input.hint ? messageIdOf(input.id) : undefined,
    ...{ 'data-testid': input.testid },
  };
}
