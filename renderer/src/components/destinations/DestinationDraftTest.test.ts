// @vitest-environment happy-dom
import { flushPromises } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import { destinationDto } from '@contract/testing/destination-fixtures';
import { ApiError } from '../../api/api-error';
import { byTestId, click, maybe, mountInProviders, pageTest } from '../../testing/page';
import DestinationEditor from './DestinationEditor.vue';
import { archiveCreateInput, HOST_KEY as KEY, typeArchive } from './destination-test-values';

const app = pageTest();

async function type(id: string, value: string): Promise<void> {
  const root = byTestId(id);
  const input = root.querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea')!;
  input.focus();
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true }));
  input.blur();
  await flushPromises();
}

const calls = (op: string) => app.client.calls.filter((c) => c.op === op);

beforeEach(() => {
  app.client.list('destinations.list', () => []);
});

describe('Test connection in the destination form', () => {
  it('tests the unsaved values, shows the answer, and pins the key it saw into the form', async () => {
    app.client.handle('destinations.testDraft', () => ({ ok: true, hostKeyFingerprint: KEY }));
    app.keep(mountInProviders(DestinationEditor, [], { target: 'new' }));
    await flushPromises();
    await typeArchive(type);
    await click('destination-draft-test-button');

    expect(calls('destinations.testDraft').map((c) => c.input)).toEqual([archiveCreateInput()]);
    expect(calls('destinations.create')).toEqual([]);
    const result = byTestId('destination-draft-test-result');
    expect(result.dataset.ok).toBe('true');
    expect(result.textContent).toContain('Connected: the remote folder is writable.');
    expect(result.textContent).toContain(KEY);
    expect(byTestId('destination-draft-key-state').dataset.state).toBe('not-pinned');

    await click('destination-draft-pin');
    expect(byTestId('destination-fingerprint-input').querySelector('input')!.value).toBe(KEY);
    expect(byTestId('destination-draft-key-state').dataset.state).toBe('matches');
    // another value than the pin changed: the answer no longer speaks for the form
    await type('destination-remote-dir', '/srv/other');
    expect(maybe('destination-draft-test-result')).toBeNull();
  });

  it('editing: sends the id (the stored key stands in) and shows a refusal on its field', async () => {
    app.client.handle('destinations.testDraft', () => {
      throw new ApiError('VALIDATION_FAILED', 'The passphrase does not open the private key.', {
        field: 'passphrase',
        status: 400,
      });
    });
    const stored = destinationDto({ id: 'd1', name: 'Archive', hasPrivateKey: true });
    app.keep(mountInProviders(DestinationEditor, [], { target: stored }));
    await flushPromises();
    await type('destination-passphrase', 'wrong');
    await click('destination-draft-test-button');

    expect(calls('destinations.testDraft')[0]?.input).toMatchObject({
      id: 'd1',
      passphrase: 'wrong',
    });
    expect(calls('destinations.testDraft')[0]?.input).not.toHaveProperty('privateKey');
    expect(byTestId('destination-editor').textContent).toContain(
      'The passphrase does not open the private key.',
    );
    expect(maybe('destination-draft-test-result')).toBeNull();
  });

  it('does not ask the server while the form has problems: they show, as when saving', async () => {
    app.keep(mountInProviders(DestinationEditor, [], { target: 'new' }));
    await flushPromises();
    await click('destination-draft-test-button');
    expect(calls('destinations.testDraft')).toEqual([]);
    expect(
      byTestId('destination-editor').querySelectorAll(
        '[aria-invalid="true"], .n-form-item-feedback--error',
      ).length,
    ).toBeGreaterThan(0);
  });
});
