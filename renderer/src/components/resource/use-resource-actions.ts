import { useDialog, useMessage } from 'naive-ui';
import { ref } from 'vue';
import { errorMessage } from '../../api/error-messages';

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
  const dialog = useDialog();
  const message = useMessage();
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
    dialog.warning({
      title: `Delete “${item.name}”?`,
      content,
      positiveText: 'Delete',
      negativeText: 'Cancel',
      onPositiveClick: async () => {
        try {
          await store.remove(item.id);
          message.success(`Deleted “${item.name}”.`);
        } catch (error) {
          message.error(errorMessage(error), { duration: 8000 });
          refused?.();
        }
      },
    });
  }

  return { dialog, message, editing, runTest, confirmDelete };
}
