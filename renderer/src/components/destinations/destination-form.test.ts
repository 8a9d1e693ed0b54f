import { describe, expect, it } from 'vitest';
import {
  emptyForm,
  formFromDestination,
  keyFileProblem,
  toCreateInput,
  toUpdateInput,
  validateForm,
  type DestinationForm,
} from './destination-form';
import { destinationDto } from '@contract/testing/destination-fixtures';
import {
  ARCHIVE_VALUES,
  archiveCreateInput,
  HOST_KEY as PIN,
  PEM,
  renamedArchiveUpdateInput,
} from './destination-test-values';

function filled(patch: Partial<DestinationForm> = {}): DestinationForm {
  return {
    ...emptyForm(),
    ...ARCHIVE_VALUES,
    privateKey: PEM,
    ...patch,
  };
}

const stored = destinationDto({ hasPassphrase: true, hostKeyFingerprint: PIN });

describe('validateForm (the contract schemas)', () => {
  it('accepts a complete form and names each problem on its field', () => {
    expect(validateForm(filled())).toEqual({});
    const errors = validateForm(
      filled({ name: ' ', host: 'sftp example', port: 70000, username: 'a b', remoteDir: '' }),
    );
    expect(errors).toEqual({
      name: 'Enter a name.',
      host: expect.stringContaining('Must be a host name'),
      port: 'Must be a whole number from 1 to 65535.',
      username: 'Must not contain blanks.',
      remoteDir: 'Enter the folder on the server.',
    });
  });

  it('checks the public web address and sends it (blank: none; always sent on update)', () => {
    expect(validateForm(filled({ publicBaseUrl: 'example.org/shows' })).publicBaseUrl).toMatch(
      /web address like https:\/\/example.org\/shows/,
    );
    expect(validateForm(filled({ publicBaseUrl: 'https://example.org/shows/' }))).toEqual({});
    expect(toCreateInput(filled({ publicBaseUrl: 'https://example.org/shows' }))).toMatchObject({
      publicBaseUrl: 'https://example.org/shows',
    });
    const withUrl = destinationDto({ publicBaseUrl: 'https://example.org/a' });
    const form = formFromDestination(withUrl);
    expect(form.publicBaseUrl).toBe('https://example.org/a');
    expect(toUpdateInput({ ...form, publicBaseUrl: '' }, withUrl).publicBaseUrl).toBe('');
  });

  it('asks for the key in the words of the form', () => {
    expect(validateForm(filled({ privateKey: '' })).privateKey).toBe(
      'Upload the private key file or paste the key.',
    );
    expect(validateForm(filled({ keySource: 'path', privateKeyPath: '' }))).toEqual({
      privateKeyPath: 'Enter the path of the key file on the server.',
    });
  });

  it('checks a typed fingerprint', () => {
    expect(validateForm(filled({ hostKeyFingerprint: 'nope' })).hostKeyFingerprint).toMatch(
      /SHA-256 fingerprint/,
    );
    expect(
      validateForm(filled({ hostKeyFingerprint: PIN.toLowerCase().slice(0, 7) + PIN.slice(7) })),
    ).toEqual({});
  });

  it('does not ask for a key when editing a destination that has one stored', () => {
    const form = formFromDestination(stored);
    expect(validateForm(form, stored)).toEqual({});
    // choosing to replace it asks for the new one
    expect(validateForm({ ...form, replaceKey: true }, stored).privateKey).toBeDefined();
  });
});

describe('inputs', () => {
  it('creates with the key text or the path, never both', () => {
    expect(toCreateInput(filled())).toEqual(archiveCreateInput());
    const byPath = toCreateInput(
      filled({ keySource: 'path', privateKeyPath: '/keys/id', passphrase: 'pw' }),
    );
    expect(byPath).toMatchObject({ privateKeyPath: '/keys/id', passphrase: 'pw' });
    expect(byPath).not.toHaveProperty('privateKey');
  });

  it('prefills an edit with everything but the secrets', () => {
    const form = formFromDestination(stored);
    expect(form).toMatchObject({
      name: 'Archive',
      port: 2222,
      keySource: 'stored',
      privateKey: '',
      passphrase: '',
      hostKeyFingerprint: PIN,
    });
  });

  it('updates keeping the stored key and passphrase, and sends the pin back', () => {
    const input = toUpdateInput({ ...formFromDestination(stored), name: 'Renamed' }, stored);
    expect(input).toEqual(renamedArchiveUpdateInput(PIN));
  });

  it('sends a replaced key, and null to remove a stored passphrase', () => {
    const form = formFromDestination(stored);
    expect(toUpdateInput({ ...form, replaceKey: true, privateKey: PEM }, stored)).toMatchObject({
      privateKey: PEM,
    });
    expect(toUpdateInput({ ...form, removePassphrase: true }, stored).passphrase).toBeNull();
    expect(toUpdateInput({ ...form, passphrase: 'new' }, stored).passphrase).toBe('new');
  });
});

describe('keyFileProblem', () => {
  it('accepts PEM and OpenSSH private keys', () => {
    expect(keyFileProblem(PEM)).toBeUndefined();
    expect(
      keyFileProblem('-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----'),
    ).toBeUndefined();
  });

  it('refuses a public key, an empty file and something else', () => {
    expect(keyFileProblem('ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI me@host')).toMatch(/public key/);
    expect(keyFileProblem('  \n')).toBe('The file is empty.');
    expect(keyFileProblem('hello')).toMatch(/does not look like a private key/);
    expect(keyFileProblem('x'.repeat(70_000))).toMatch(/too big/);
  });
});
