import { enterMessage, issueMessage, type FieldWords } from '@contract/field-messages';
import { changePasswordInput } from '@contract/auth';

/** The fields of the password card: the contract's two, and the repeat the card asks for. */
export type PasswordField = 'currentPassword' | 'newPassword' | 'repeat';
export const PASSWORD_FIELDS: readonly PasswordField[] = [
  'currentPassword',
  'newPassword',
  'repeat',
];

export type PasswordValues = Record<PasswordField, string>;

/** How the card names its fields in its messages ("Enter the current password."). */
const WORDS: Readonly<Record<PasswordField, FieldWords>> = {
  currentPassword: { enter: 'the current password' },
  newPassword: { enter: 'a new password' },
  repeat: {},
};

/**
 * What is wrong with the card's values, by field: the contract's rules of `auth.changePassword`
 * in the forms' one voice (`@contract/field-messages`), and a repeat that differs.
 */
export function passwordProblems(values: PasswordValues): Partial<Record<PasswordField, string>> {
  const out: Partial<Record<PasswordField, string>> = {};
  const result = changePasswordInput.safeParse(values, { reportInput: true });
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path[0] as PasswordField;
      out[field] ??= issueMessage(issue, WORDS[field]);
    }
  }
  if (values.currentPassword === '') out.currentPassword = enterMessage('the current password');
  if (values.repeat !== values.newPassword) out.repeat = 'The two new passwords differ.';
  return out;
}
