import { useDialog, useMessage, type ButtonProps } from 'naive-ui';
import type { Ref } from 'vue';
import { errorMessage } from '../api/error-messages';

/** An action that is asked about first (deleting, making a new key). */
export interface ConfirmedAction {
  title: string;
  content: string;
  /** The button that does it; the other is "Cancel". */
  positiveText: string;
  positiveButtonProps?: ButtonProps;
  /** What runs on the positive answer. */
  run: () => Promise<unknown>;
  /** Said once it ran. */
  done: string;
  /** Runs once it is done (after saying so). */
  afterwards?: () => void;
  /** On while it runs. */
  busy?: Ref<boolean>;
  /** Runs after it failed (why is said in a message that stays a while). */
  failed?: () => void;
}

/**
 * Asking before an action, wherever one is: `ask` shows the warning, and on the positive answer
 * runs the action, then says it is done, or why not. Call in a component's setup.
 */
export function useConfirmedAction() {
  const dialog = useDialog();
  const message = useMessage();

  function ask(action: ConfirmedAction): void {
    dialog.warning({
      title: action.title,
      content: action.content,
      positiveText: action.positiveText,
      negativeText: 'Cancel',
      ...(action.positiveButtonProps ? { positiveButtonProps: action.positiveButtonProps } : {}),
      onPositiveClick: async () => {
        if (action.busy) action.busy.value = true;
        try {
          await action.run();
          message.success(action.done);
          action.afterwards?.();
        } catch (error) {
          message.error(errorMessage(error), { duration: 8000 });
          action.failed?.();
        } finally {
          if (action.busy) action.busy.value = false;
        }
      },
    });
  }

  return { ask, dialog, message };
}
