import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../api/api-error';
import { installClient } from '../../api/client';
import { fakeClient, type FakeClient } from '../../testing/fake-client';
import { useDestinationEditor } from './use-destination-editor';
import { destinationDto } from '@contract/testing/destination-fixtures';
import { ARCHIVE_VALUES, PEM } from './destination-test-values';

const stored = destinationDto({ hasPassphrase: true });

let client: FakeClient;

beforeEach(() => {
  client = fakeClient();
  client.handle('destinations.list', () => ({ items: [], total: 0 }));
  installClient(client);
  setActivePinia(createPinia());
});

function filledNew() {
  const editor = useDestinationEditor();
  editor.open('new');
  Object.assign(editor.values, ARCHIVE_VALUES);
  return editor;
}

describe('useDestinationEditor', () => {
  it('opens a destination without its secrets, keeping the stored key and passphrase', () => {
    const editor = useDestinationEditor();
    editor.open(stored);
    expect(editor.values).toMatchObject({ name: 'Archive', privateKey: '', passphrase: '' });
    expect(editor.storedKeyKept.value).toBe(true);
    expect(editor.passphraseKept.value).toBe(true);
    expect(editor.passphraseHint.value).toMatch(/leave this empty to keep it/);
    expect(editor.dirty.value).toBe(false);
    editor.values.replaceKey = true;
    expect(editor.newKey.value).toBe(true);
    expect(editor.passphraseHint.value).toMatch(/A new key replaces the stored passphrase/);
    expect(editor.dirty.value).toBe(true);
  });

  it('shows a problem once its field changed, and every one after a save was tried', async () => {
    const editor = useDestinationEditor();
    editor.open('new');
    expect(editor.errorOf('host')).toBeUndefined();
    editor.values.host = 'bad host';
    expect(editor.errorOf('host')).toMatch(/Must be a host name/);
    expect(editor.errorOf('name')).toBeUndefined();
    expect(await editor.save()).toBeNull();
    expect(editor.errorOf('name')).toBeDefined();
    expect(editor.errorOf('privateKey')).toBe('Upload the private key file or paste the key.');
    expect(client.calls.some((c) => c.op === 'destinations.create')).toBe(false);
  });

  it('takes a private key file, and says why a public key is not one', async () => {
    const editor = filledNew();
    await editor.pickKeyFile(new File(['ssh-ed25519 AAAAC3Nza me@host\n'], 'id.pub'));
    expect(editor.errorOf('privateKey')).toMatch(/^id\.pub: This is a public key/);
    expect(editor.values.privateKey).toBe('');
    await editor.pickKeyFile(new File([PEM], 'id_ed25519'));
    expect(editor.errorOf('privateKey')).toBeUndefined();
    expect(editor.values).toMatchObject({ privateKey: PEM, keyFileName: 'id_ed25519' });
    editor.clearKeyFile();
    expect(editor.values).toMatchObject({ privateKey: '', keyFileName: null });
  });

  it("puts the server's refusal on its field until that field changes", async () => {
    client.handle('destinations.create', () => {
      throw new ApiError('VALIDATION_FAILED', 'The private key cannot be read.', {
        field: 'privateKey',
        status: 400,
      });
    });
    const editor = filledNew();
    editor.values.privateKey = PEM;
    expect(await editor.save()).toBeNull();
    expect(editor.errorOf('privateKey')).toBe('The private key cannot be read.');
    expect(editor.values.privateKey).toBe(PEM);
    editor.values.privateKey = `${PEM} `;
    expect(editor.errorOf('privateKey')).toBeUndefined();

    client.handle('destinations.create', () => {
      throw new ApiError('CONFLICT', 'A destination named Archive exists.', { status: 409 });
    });
    expect(await editor.save()).toBeNull();
    expect(editor.formError.value).toBe('A destination named Archive exists.');
  });

  it('saves once at a time, and is not dirty once saved', async () => {
    let release!: () => void;
    client.handle('destinations.create', async (input) => {
      await new Promise<void>((resolve) => (release = resolve));
      return { ...stored, id: 'new', name: String(input.name) };
    });
    const editor = filledNew();
    editor.values.privateKey = PEM;
    const first = editor.save();
    expect(await editor.save()).toBeNull();
    release();
    expect((await first)?.id).toBe('new');
    expect(client.calls.filter((c) => c.op === 'destinations.create')).toHaveLength(1);
    expect(editor.dirty.value).toBe(false);
  });
});
