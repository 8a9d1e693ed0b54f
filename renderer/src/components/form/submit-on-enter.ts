/**
 * A keydown handler for a form: Enter in a one-line field (text, password) runs `submit`; Enter
 * elsewhere (a text area, a button) does what it does.
 */
export function submitOnEnter(submit: () => void): (event: KeyboardEvent) => void {
  return (event) => {
    const target = event.target;
    if (target instanceof HTMLInputElement && ['text', 'password'].includes(target.type)) {
      event.preventDefault();
      submit();
    }
  };
}
