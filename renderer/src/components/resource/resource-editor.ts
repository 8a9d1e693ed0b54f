import type { Ref, ShallowRef } from 'vue';

/**
 * What an editor of a named resource (a destination, a notification channel) offers its drawer:
 * made by the resource's own composable (use-destination-editor, use-channel-editor) around
 * useForm, so that every such editor opens, saves and refuses the same way.
 */
export interface ResourceEditor<T> {
  /** The resource being edited; undefined: a new one. */
  existing: Readonly<ShallowRef<T | undefined>>;
  saving: Readonly<Ref<boolean>>;
  /** Something typed is not saved: closing asks first. */
  dirty: Readonly<Ref<boolean>>;
  /** A save was tried: every problem shows, and Save waits until they are fixed. */
  submitted: Readonly<Ref<boolean>>;
  hasLocalErrors: Readonly<Ref<boolean>>;
  /** Starts editing `target`, or a new one. */
  open(target: T | 'new'): void;
  /** Saves; answers the saved resource, or null when something was refused. */
  save(): Promise<T | null>;
}
