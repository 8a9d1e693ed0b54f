import { ref } from 'vue';
import { errorMessage } from '../../api/error-messages';
import { useConfirmedAction } from '../../composables/use-confirmed-action';

/** What a list of named resources can do to one of them (its store). */
export interface ResourceActionsStore {
  test(id: string): Promise<unknown>;
  remove(id: string): Promise<void>;
}

/**
 * The actions of a list of named resources (ResourceListCard: destinations, notification
 * channels): which one the editor has open, its test (a failure to ask said in a message),
 * and deleting one after asking (the server's refusal said in a longer message).
 */
export function useResourceActions<T extends { id: string; name: string }>(
  store: ResourceActionsStore,
) {
  const { ask, dialog, message } = useConfirmedAction();
  /** The one being edited: `'new'` for a new one; null: the editor is closed. */
  const editing = ref<T | 'new' | null>(null);

  async function runTest(item: T): Promise<void> {
    try {
      await store.test(item.id);
    } catch (error) {
      message.error(errorMessage(error));
    }
  }

  /** Asks before deleting `item`, saying `content`; `refused` runs after the server refused. */
  function confirmDelete(item: T, content: string, refused?: () => void): void {
    ask({
      title: `Delete “${item.name}”?`,
      content,
      positiveText: 'Delete',
      run: () => store.remove(item.id),
      done: `Deleted “${item.name}”.`,
      failed: refused,
    });
  }

  return { dialog, message, editing, runTest, confirmDelete };
}
