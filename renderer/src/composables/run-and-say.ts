import type { MessageApi } from 'naive-ui';
import { errorMessage } from '../api/error-messages';

/**
 * Runs a user's action with `busy` on while it runs, then says `done`, or why it failed (the
 * error's message). Answers whether it succeeded.
 */
export async function runAndSay(
  message: Pick<MessageApi, 'success' | 'error'>,
  action: () => Promise<unknown>,
  done: string,
  busy: (on: boolean) => void,
): Promise<boolean> {
  busy(true);
  try {
    await action();
    message.success(done);
    return true;
  } catch (error) {
    message.error(errorMessage(error));
    return false;
  } finally {
    busy(false);
  }
}
