// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DestinationDto } from '@contract/operations';
import { ApiError } from '../../api/api-error';
import {
  byTestId,
  click,
  lastButton,
  maybe,
  mountInProviders,
  pageTest,
  typeInto as type,
} from '../../testing/page';
import DestinationsView from '../../views/DestinationsView.vue';
import DestinationEditor from './DestinationEditor.vue';
import { destinationDto } from '@contract/testing/destination-fixtures';
import {
  HOST_KEY as KEY,
  PEM,
  renamedArchiveUpdateInput,
  typeArchive,
} from './destination-test-values';

const destination = destinationDto;

const app = pageTest();
let rows: DestinationDto[];

function mountView() {
  return app.keep(mountInProviders(DestinationsView));
}

beforeEach(() => {
  rows = [];
  app.client.list('destinations.list', () => rows);
  app.client.handle('destinations.get', (input) => rows.find((d) => d.id === input.id));
  app.client.list('streams.list', () => []);
});

describe('Destinations page', () => {
  it('says what to do when there are none, adds one with a pasted key, tests it and shows the pinned key', async () => {
    app.client.handle('destinations.create', (input) => {
      const created = destination({
        id: 'new',
        name: String(input.name),
        host: String(input.host),
        port: Number(input.port),
      });
      rows = [created];
      return created;
    });
    // as the core does: a test shows the host key and pins nothing
    app.client.handle('destinations.test', () => ({ ok: true, hostKeyFingerprint: KEY }));
    app.client.handle('destinations.update', (input) => {
      rows = [{ ...rows[0]!, hostKeyFingerprint: input.hostKeyFingerprint as string }];
      return rows[0];
    });
    const view = mountView();
    await flushPromises();
    expect(byTestId('destinations-empty').textContent).toContain('Add the SFTP server');

    await click('destination-add');
    expect(byTestId('destination-editor').textContent).toContain('Add a destination');
    await typeArchive(type, '2222');
    await click('destination-save');

    const create = app.client.calls.find((c) => c.op === 'destinations.create');
    expect(create?.input).toMatchObject({
      name: 'Archive',
      host: 'sftp.example.com',
      port: 2222,
      username: 'rec',
      remoteDir: '/srv/rec',
      privateKey: PEM,
    });
    // the editor closed (its fade-out may still be running in the page)
    expect(view.findComponent(DestinationEditor).props('target')).toBeNull();
    expect(byTestId('destination-row-name').textContent).toBe('Archive');
    expect(byTestId('destination-pin-tag').dataset.pinned).toBe('false');

    await click('destination-test');
    expect(byTestId('destination-fingerprint').textContent).toBe(KEY);
    const state = byTestId('destination-host-key-state');
    expect(state.dataset.state).toBe('not-pinned');
    expect(state.textContent).toContain('Compare this key');
    expect(byTestId('destination-pin-tag').dataset.pinned).toBe('false');
    await click('destination-pin');
    expect(byTestId('destination-host-key-state').dataset.state).toBe('pinned-by-user');
    expect(byTestId('destination-pin-tag').dataset.pinned).toBe('true');
    expect(byTestId('destination-pinned-fingerprint').textContent?.trim()).toBe(KEY);
    expect(maybe('destination-pin')).toBeNull();
  });

  it('asks for a required field once it was left, as every form does, and not before', async () => {
    mountView();
    await flushPromises();
    await click('destination-add');
    const editor = () => byTestId('destination-editor').textContent;
    expect(editor()).not.toContain('Enter a name.');
    const name = byTestId('destination-name').querySelector('input')!;
    name.focus();
    name.dispatchEvent(new FocusEvent('focusout', { bubbles: true }));
    await flushPromises();
    expect(editor()).toContain('Enter a name.');
    // a field never visited stays quiet until a save is tried
    expect(editor()).not.toContain('Enter the host name or address.');
    await click('destination-save');
    expect(editor()).toContain('Enter the host name or address.');
    expect(byTestId('destination-form-error').textContent).toContain('Some fields need attention');
  });

  it('shows the problems of the form as you type, and the server’s on its field, keeping what was typed', async () => {
    app.client.handle('destinations.create', () => {
      throw new ApiError('VALIDATION_FAILED', 'The private key cannot be read: it is damaged.', {
        field: 'privateKey',
        status: 400,
      });
    });
    mountView();
    await flushPromises();
    await click('destination-add');
    await type('destination-host', 'bad host');
    expect(byTestId('destination-editor').textContent).toContain('Must be a host name');
    await type('destination-host', 'sftp.example.com');
    expect(byTestId('destination-editor').textContent).not.toContain('Must be a host name');

    // saving an incomplete form shows every problem and sends nothing
    await click('destination-save');
    expect(app.client.calls.some((c) => c.op === 'destinations.create')).toBe(false);
    expect(byTestId('destination-editor').textContent).toContain(
      'Upload the private key file or paste the key.',
    );

    await type('destination-name', 'Archive');
    await type('destination-username', 'rec');
    await type('destination-remote-dir', '/srv/rec');
    await type('destination-private-key', PEM);
    await click('destination-save');
    expect(app.client.calls.filter((c) => c.op === 'destinations.create')).toHaveLength(1);
    const editor = byTestId('destination-editor');
    expect(editor.textContent).toContain('The private key cannot be read: it is damaged.');
    expect(byTestId<HTMLElement>('destination-name').querySelector('input')!.value).toBe('Archive');
    expect(byTestId('destination-private-key').querySelector('textarea')!.value).toBe(PEM);
    // editing the key clears the server's complaint
    await type('destination-private-key', PEM + ' ');
    expect(byTestId('destination-editor').textContent).not.toContain('it is damaged');
  });

  it('reads an uploaded key file and refuses a public key', async () => {
    app.client.handle('destinations.create', (input) => destination({ name: String(input.name) }));
    mountView();
    await flushPromises();
    await click('destination-add');
    const input = byTestId<HTMLInputElement>('destination-key-file');
    const pick = async (file: File) => {
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change', { bubbles: true }));
      await flushPromises();
      await new Promise((resolve) => setTimeout(resolve, 0));
      await flushPromises();
    };
    await pick(new File(['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA me@host\n'], 'id_ed25519.pub'));
    expect(byTestId('destination-editor').textContent).toContain(
      'id_ed25519.pub: This is a public key',
    );

    await pick(new File([PEM], 'id_ed25519'));
    expect(byTestId('destination-key-file-name').textContent).toContain('id_ed25519 loaded');
    await type('destination-name', 'Archive');
    await type('destination-host', 'h.example');
    await type('destination-username', 'rec');
    await type('destination-remote-dir', '/r');
    await click('destination-save');
    expect(app.client.calls.find((c) => c.op === 'destinations.create')?.input.privateKey).toBe(
      PEM,
    );
  });

  it('edits without showing or resending the stored secrets', async () => {
    rows = [destination({ hasPassphrase: true, hostKeyFingerprint: KEY })];
    app.client.handle('destinations.update', (input) => ({
      ...rows[0]!,
      name: String(input.name),
    }));
    mountView();
    await flushPromises();
    await click('destination-edit');
    expect(byTestId('destination-key-stored').textContent).toContain('A private key is stored');
    expect(maybe('destination-private-key')).toBeNull();
    expect(byTestId('destination-passphrase').querySelector('input')!.value).toBe('');
    await type('destination-name', 'Renamed');
    await click('destination-save');
    const update = app.client.calls.find((c) => c.op === 'destinations.update')!;
    expect(update.input).toEqual(renamedArchiveUpdateInput(KEY));
  });

  it('offers to pin a key that a failed test saw', async () => {
    rows = [destination()];
    app.client.handle('destinations.test', () => ({
      ok: false,
      code: 'SSH_AUTH_FAILED',
      error: 'The server refused the key of rec.',
      hostKeyFingerprint: KEY,
    }));
    app.client.handle('destinations.update', (input) => {
      rows = [{ ...rows[0]!, hostKeyFingerprint: input.hostKeyFingerprint as string }];
      return rows[0];
    });
    mountView();
    await flushPromises();
    await click('destination-test');
    expect(byTestId('destination-test-error').textContent).toContain('refused the key');
    expect(byTestId('destination-host-key-state').dataset.state).toBe('not-pinned');
    await click('destination-pin');
    expect(
      app.client.calls.find((c) => c.op === 'destinations.update')?.input.hostKeyFingerprint,
    ).toBe(KEY);
    expect(byTestId('destination-host-key-state').dataset.state).toBe('pinned-by-user');
    expect(byTestId('destination-pin-tag').dataset.pinned).toBe('true');
  });

  it('asks before deleting, and says why a destination in use cannot be', async () => {
    rows = [
      destination(),
      destination({ id: 'd2', name: 'Spare', createdAt: '2026-11-25T00:00:00.000Z' }),
    ];
    app.client.handle('streams.list', () => ({
      items: [{ id: 's1', name: 'Morning Show', destinationId: 'd1' }],
      total: 1,
    }));
    app.client.handle('destinations.delete', () => undefined);
    mountView();
    await flushPromises();
    const deletes = document.querySelectorAll<HTMLElement>('[data-testid="destination-delete"]');
    deletes[0]!.click();
    await flushPromises();
    expect(document.body.textContent).toContain('“Morning Show” delivers to it');
    lastButton('OK').click();
    await flushPromises();
    expect(app.client.calls.some((c) => c.op === 'destinations.delete')).toBe(false);

    deletes[1]!.click();
    await flushPromises();
    expect(document.body.textContent).toContain('Delete “Spare”?');
    lastButton('Delete').click();
    await flushPromises();
    expect(app.client.calls.find((c) => c.op === 'destinations.delete')?.input).toEqual({
      id: 'd2',
    });
    expect(document.querySelectorAll('[data-testid="destination-row"]')).toHaveLength(1);
  });
});
