import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backupDocumentSchema } from '../../contract/operations/backup';
import { createBackup } from './create-backup';
import {
  BACKUP_HEADER,
  closeAfterEach,
  configuredInstallation,
  emptyInstallation,
  SMTP_PASSWORD,
  WEBHOOK_SECRET,
} from './test-support';

const opened = closeAfterEach();

describe('createBackup', () => {
  it('an empty installation gives a valid document with the settings only', async () => {
    const inst = opened(await emptyInstallation());
    const doc = await createBackup(inst);
    expect(doc).toEqual({
      ...BACKUP_HEADER,
      destinations: [],
      streams: [],
      schedules: [],
      notificationChannels: [],
      settings: inst.runtime.get(),
    });
    expect(backupDocumentSchema.safeParse(doc).success).toBe(true);
  });

  it('passes its own validation', async () => {
    const inst = opened(await configuredInstallation());
    const doc = await createBackup(inst);
    expect(backupDocumentSchema.parse(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
  });

  it('holds each notification channel as its create operation takes it, with its secret as text', async () => {
    const inst = opened(await configuredInstallation());
    const doc = await createBackup(inst);
    expect(doc.notificationChannels).toEqual([
      {
        id: 'chan-hook',
        name: 'Team hook',
        kind: 'webhook',
        enabled: true,
        events: ['recording.failed', 'transfer.failed'],
        url: 'https://hooks.example.org/recorder',
        secret: WEBHOOK_SECRET,
        createdAt: '2026-11-01T12:11:00.000Z',
        updatedAt: '2026-11-01T12:11:00.000Z',
      },
      expect.objectContaining({ id: 'chan-ntfy', kind: 'ntfy', priority: 5, token: null }),
      expect.objectContaining({
        id: 'chan-mail',
        kind: 'email',
        port: 587,
        security: 'starttls',
        username: 'recorder',
        password: SMTP_PASSWORD,
        to: ['me@example.org', 'you@example.org'],
      }),
    ]);
    // digests (the restore preview's comparison) hold no secret
    const digests = JSON.stringify(await createBackup(inst, 'digests'));
    expect(digests).not.toContain(WEBHOOK_SECRET);
    expect(digests).not.toContain(SMTP_PASSWORD);
    expect(digests).toContain('"secret":"sha256:');
  });

  it('leaves out a key or artwork file that is gone, with a warning, and stays restorable', async () => {
    const inst = opened(await configuredInstallation());
    await rm(join(inst.settings.configDir, 'keys', 'dest-a.pem'));
    await rm(join(inst.settings.artworkDir, 'stream-2.jpg'));
    await rm(join(inst.settings.configDir, 'keys', 'channel-chan-mail.secret'));
    const doc = await createBackup(inst);
    expect(doc.destinations[0]?.privateKey).toBeNull();
    expect(doc.streams[1]?.artwork).toBeNull();
    expect(doc.streams[0]?.artwork).not.toBeNull();
    expect(inst.logger.entries.filter((e) => e.level === 'warn').map((e) => e.message)).toEqual([
      expect.stringContaining('the private key of destination Archive'),
      expect.stringContaining('the artwork of stream Jazz Night'),
      expect.stringContaining('the secret of notification channel Mail'),
    ]);
    expect(doc.notificationChannels?.[2]).toMatchObject({ id: 'chan-mail', password: null });
    expect(backupDocumentSchema.safeParse(doc).success).toBe(true);
  });
});
