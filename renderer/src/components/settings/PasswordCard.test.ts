// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { useAuthStore } from '../../stores/auth';
import { byTestId, maybe, mountInProviders, pageTest } from '../../testing/page';
import PasswordCard from './PasswordCard.vue';

const app = pageTest();

async function mountWith(passwordSetByEnv: boolean | undefined): Promise<void> {
  const auth = useAuthStore();
  auth.session = {
    authenticated: true,
    via: 'session',
    ...(passwordSetByEnv === undefined ? {} : { passwordSetByEnv }),
  };
  app.keep(mountInProviders(PasswordCard));
  await flushPromises();
}

const inputs = () => [...byTestId('password-card').querySelectorAll('input')];

describe('the password card', () => {
  it('is disabled, saying why, when ADMIN_PASSWORD sets the password', async () => {
    await mountWith(true);
    expect(byTestId('password-set-by-env').textContent).toContain(
      'The password is set by ADMIN_PASSWORD',
    );
    expect(inputs()).toHaveLength(3);
    expect(inputs().every((input) => input.disabled)).toBe(true);
    expect(byTestId<HTMLButtonElement>('password-save').disabled).toBe(true);
  });

  it('can be used otherwise, with real placeholders', async () => {
    await mountWith(false);
    expect(maybe('password-set-by-env')).toBeNull();
    expect(inputs().some((input) => input.disabled)).toBe(false);
    expect(byTestId<HTMLButtonElement>('password-save').disabled).toBe(false);
    expect(inputs().map((input) => input.placeholder)).toEqual([
      'The password you log in with',
      'At least 8 characters',
      'The new password once more',
    ]);
  });
});
