// For component tests of the stream form: the form mounted inside the app's providers with a
// router that knows the destinations page, and its required fields typed in as a user does.
// Never imported by the app.
import type { VueWrapper } from '@vue/test-utils';
import { h } from 'vue';
import { ApiError, type ApiErrorCode } from '../../api/api-error';
import type { FakeClient } from '../../testing/fake-client';
import { createMemoryHistory, createRouter } from 'vue-router';
import { mountInProviders } from '../../testing/page';
import { GOOD_STREAM } from '../../testing/stream-draft';
import StreamForm from './StreamForm.vue';
import type { StreamEditorState } from './use-stream-editor';

/** StreamForm editing `editor`, attached to the page (the caller unmounts it). */
export function mountStreamForm(editor: StreamEditorState): VueWrapper {
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      { path: '/destinations', name: 'destinations', component: { render: () => null } },
    ],
  });
  return mountInProviders({ render: () => h(StreamForm, { editor }) }, [router]);
}

/** The input of each required field, by test id, and what a good stream has in it. */
const REQUIRED_INPUTS: [testid: string, value: string][] = [
  ['stream-name-input', GOOD_STREAM.name],
  ['stream-url-input', GOOD_STREAM.streamUrl],
  ['stream-artist-input', GOOD_STREAM.artist],
  ['stream-album-input', GOOD_STREAM.album],
  ['stream-album-artist-input', GOOD_STREAM.albumArtist],
];

/** Types the good stream's required fields into the mounted form. */
export async function fillRequired(wrapper: VueWrapper): Promise<void> {
  for (const [testid, value] of REQUIRED_INPUTS) {
    await wrapper.get(`[data-testid="${testid}"]`).setValue(value);
  }
}

/** The server refuses to create the stream, naming `field` (`message` starts with its name). */
export function refuseCreate(
  client: FakeClient,
  code: ApiErrorCode,
  message: string,
  field: string,
): void {
  client.handle('streams.create', () => {
    throw new ApiError(code, message, { field });
  });
}
