import { useMessage } from 'naive-ui';

/**
 * Copying a value the page shows (a URL, a key) to the clipboard, saying so. Where the browser
 * allows no clipboard (an http:// page other than localhost) it says to select `what` and copy
 * it by hand; `refused` then helps (e.g. shows a hidden key). Call in a component's setup.
 */
export function useCopy() {
  const message = useMessage();
  return async (text: string, copied: string, what: string, refused?: () => void) => {
    try {
      await navigator.clipboard.writeText(text);
      message.success(copied);
    } catch {
      refused?.();
      message.warning(`The browser does not allow copying here: select ${what} and copy it.`);
    }
  };
}
