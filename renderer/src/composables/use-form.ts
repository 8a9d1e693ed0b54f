import { reactive, ref, watch, type WatchSource } from 'vue';
import { refusalMessage } from '@contract/field-messages';
import { isApiError, type ApiError } from '../api/api-error';
import { errorMessage } from '../api/error-messages';

/** Above a form whose save was stopped by its own checks. */
export const CHECK_FIELDS_MESSAGE = 'Some fields need attention: see the messages below them.';
/** Above a form whose save the server refused on a field (the message is under that field). */
export const REFUSED_FIELD_MESSAGE = 'The server refused a field: see the message below it.';

/** Field (or sub-key, `fallbackUrls.1`) → what is wrong with it. */
export type FieldMessages = Readonly<Record<string, string | undefined>>;

export interface FormOptions<F extends string> {
  /** The form's fields, as the contract's inputs name them (server refusals name them so too). */
  fields: readonly F[];
  /**
   * The problems found in the browser (the contract's own schemas), by field or sub-key. They
   * show under a field once it was changed or left, or after a save was tried.
   */
  problems: () => FieldMessages;
  /**
   * The fields of the form's inputs by their `data-testid` (the input's own or its wrapper's):
   * leaving one of them (`leave`, on the form's focusout) marks its field.
   */
  fieldsByTestId?: Readonly<Record<string, F>>;
}

/** The top-level field a key names (`fallbackUrls.2` → `fallbackUrls`). */
export function topField(key: string): string {
  return key.split('.')[0] ?? key;
}

/**
 * What every form of the UI keeps besides its values: which fields the user changed or left
 * (their problems show from then on), whether a save was tried (then every problem shows), the
 * server's refusals on the field they name (until that field changes), and the message above the
 * form. Nothing typed is ever reset by an error.
 *
 * The one validation style of the UI (issue 15 item 6): a field's problem shows once the field
 * was changed or left, and every problem once a save was tried; a save stopped by them says so
 * above the form (CHECK_FIELDS_MESSAGE). The words are the contract's, said one way
 * (`@contract/field-messages`): "Enter a name.", "Must be a whole number from 1 to 100.", and
 * the server's refusal of a field without the field's name.
 */
export function useForm<F extends string>(options: FormOptions<F>) {
  const touched = reactive(new Set<string>());
  /** A save was tried: every problem shows. */
  const submitted = ref(false);
  /** What the server refused, by field or sub-key; gone when that field changes. */
  const serverErrors = ref<Record<string, string>>({});
  /** The message above the form (a refusal that names no field, or "see below"). */
  const formError = ref<string | null>(null);
  /** A save is on its way (`submit`). */
  const saving = ref(false);
  let resetting = false;

  const isField = (name: string): name is F => (options.fields as readonly string[]).includes(name);

  /** Takes back the server's refusals of `field` (and of its sub-keys). */
  function clearServerErrors(field: string): void {
    const left = Object.entries(serverErrors.value).filter(([key]) => topField(key) !== field);
    if (left.length !== Object.keys(serverErrors.value).length) {
      serverErrors.value = Object.fromEntries(left);
    }
  }

  /** Marks a field as visited (on blur, or a file picked): its problem shows from now on. */
  function touch(field: string): void {
    touched.add(topField(field));
  }

  /**
   * The form's focusout: marks the field of the input that was left (by `fieldsByTestId`), so
   * its problem shows from now on, as typing in it would.
   */
  function leave(event: FocusEvent): void {
    const target = event.target as Partial<Element> | null;
    if (typeof target?.closest !== 'function') return;
    const testId = target.closest('[data-testid]')?.getAttribute('data-testid');
    const field = testId ? options.fieldsByTestId?.[testId] : undefined;
    if (field) touch(field);
  }

  /** The user changed `field`: its problems show, and the server's verdict on it goes. */
  function changed(field: string): void {
    if (resetting) return;
    touch(field);
    clearServerErrors(topField(field));
  }

  /** Calls `changed(field)` whenever `source` changes (what the user edits for that field). */
  function follow(field: F, source: WatchSource | WatchSource[]): void {
    watch(source, () => changed(field), { flush: 'sync' });
  }

  /** The local problem shown under a field or sub-key: once touched, or after a save. */
  function problemOf(key: string): string | undefined {
    if (!submitted.value && !touched.has(topField(key))) return undefined;
    return options.problems()[key];
  }

  /** What to show under a field or sub-key: the server's refusal, else the local problem. */
  function errorOf(key: string): string | undefined {
    return serverErrors.value[key] || problemOf(key);
  }

  /** Whether the browser found any problem (shown or not yet). */
  function hasProblems(): boolean {
    return Object.values(options.problems()).some((problem) => problem !== undefined);
  }

  /** Shows `message` on a field or sub-key, as a refusal: it goes when that field changes. */
  function refuseField(key: string, message: string): void {
    serverErrors.value = { ...serverErrors.value, [key]: message };
  }

  /**
   * Shows a refusal: on the field its `field` names (`fieldOf` maps another name the server
   * uses, e.g. the preview's `expression`; `unnamed` places one that names no field, e.g. too
   * many tries), else above the form. Answers the key it landed on.
   */
  function refuse(
    error: unknown,
    how: {
      fieldOf?: (serverField: string) => string | null;
      unnamed?: (error: ApiError) => string | null;
      message?: (key: string, error: ApiError) => string;
    } = {},
  ): string | null {
    if (isApiError(error)) {
      const named = error.field;
      const key = named
        ? how.fieldOf
          ? how.fieldOf(named)
          : named
        : (how.unnamed?.(error) ?? null);
      if (key && isField(topField(key))) {
        refuseField(
          key,
          how.message ? how.message(key, error) : refusalMessage(named, errorMessage(error)),
        );
        return key;
      }
    }
    formError.value = errorMessage(error);
    return null;
  }

  /**
   * An editor's save: marks the form submitted; does nothing while a save is on its way, or when
   * `blocked()` (the form's own problems: then it says so above the form); else runs `send`,
   * whose refusal lands on the field it names (REFUSED_FIELD_MESSAGE above the form) or above
   * the form. Answers what `send` answered, or null: the form keeps what was typed.
   */
  async function submit<T>(blocked: () => boolean, send: () => Promise<T>): Promise<T | null> {
    if (saving.value) return null;
    submitted.value = true;
    if (blocked()) {
      formError.value = CHECK_FIELDS_MESSAGE;
      return null;
    }
    saving.value = true;
    formError.value = null;
    try {
      return await send();
    } catch (error) {
      if (refuse(error)) formError.value = REFUSED_FIELD_MESSAGE;
      return null;
    } finally {
      saving.value = false;
    }
  }

  /**
   * Starts again: nothing touched or refused, no save tried, no message. What `load` changes
   * (the values of another record, or the emptied fields after a save) marks no field.
   */
  function reset(load?: () => void): void {
    resetting = true;
    try {
      load?.();
    } finally {
      resetting = false;
    }
    touched.clear();
    submitted.value = false;
    serverErrors.value = {};
    formError.value = null;
  }

  return {
    touched,
    submitted,
    serverErrors,
    formError,
    saving,
    touch,
    leave,
    changed,
    follow,
    clearServerErrors,
    problemOf,
    errorOf,
    hasProblems,
    refuseField,
    refuse,
    submit,
    reset,
  };
}

export type FormState = ReturnType<typeof useForm>;
