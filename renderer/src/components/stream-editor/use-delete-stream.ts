import type { StreamDto } from '@contract/operations';
import { useConfirmedAction } from '../../composables/use-confirmed-action';
import { useSessionsStore } from '../../stores/sessions';
import { useStreamsStore, type StreamDependents } from '../../stores/streams';
import { deleteStreamWarning } from './delete-wording';

/**
 * Deleting a stream, asked first: the confirmation says how many schedules and recordings go
 * with it (the server deletes them only with cascade, which the confirmation stands for). A
 * stream that records now cannot be deleted: that is said instead of asking.
 */
export function useDeleteStream() {
  const streams = useStreamsStore();
  const sessions = useSessionsStore();
  const { ask, dialog } = useConfirmedAction();

  async function confirmDelete(stream: StreamDto, onDeleted: () => void): Promise<void> {
    if (sessions.inProgress.some((s) => s.streamId === stream.id)) {
      dialog.info({
        title: `“${stream.name}” is recording`,
        content:
          'Stop the recording or wait until it is processed and delivered, then delete the stream.',
        positiveText: 'OK',
      });
      return;
    }
    let dependents: StreamDependents | null = null;
    try {
      dependents = await streams.dependentsOf(stream.id);
    } catch {
      dependents = null; // the warning then says what may go
    }
    const cascade = dependents === null || dependents.schedules + dependents.sessions > 0;
    ask({
      title: `Delete “${stream.name}”?`,
      content: deleteStreamWarning(dependents),
      positiveText: 'Delete',
      positiveButtonProps: { type: 'error', ...{ 'data-testid': 'confirm-delete-stream' } },
      run: () => streams.remove(stream.id, cascade),
      done: `Stream “${stream.name}” deleted.`,
      afterwards: onDeleted,
    });
  }

  return { confirmDelete };
}
