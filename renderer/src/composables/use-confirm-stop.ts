import { useDialog, useMessage } from 'naive-ui';
import { runAndSay } from './run-and-say';

/**
 * Asking before a recording is stopped, wherever a stop button is: the returned function asks
 * about the recording of `streamName`, and on "Stop recording" runs `stop` (with `busy` on while
 * it runs), then says it stopped, or why not. Call in a component's setup.
 */
export function useConfirmStop() {
  const dialog = useDialog();
  const message = useMessage();
  return (streamName: string, stop: () => Promise<unknown>, busy: (on: boolean) => void) => {
    dialog.warning({
      title: 'Stop this recording?',
      content: `“${streamName}” stops recording now. What was captured so far is saved and delivered as usual.`,
      positiveText: 'Stop recording',
      negativeText: 'Keep recording',
      onPositiveClick: async () => {
        await runAndSay(message, stop, `Stopped recording “${streamName}”.`, busy);
      },
    });
  };
}
