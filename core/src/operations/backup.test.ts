import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAX_BACKUP_CHANNELS,
  MAX_BACKUP_DESTINATIONS,
  MAX_BACKUP_KEY_KDF_ROUNDS,
  MAX_BACKUP_SCHEDULES,
  MAX_BACKUP_STREAMS,
  type BackupDocument,
  type RestorePreviewDto,
} from '../../contract/operations/backup';
import { PRIVATE_KEY_MAX_KDF_ROUNDS } from '../../contract/operations/destinations';
import { NO_PODCAST } from '../../contract/podcast';
import { FeedTokens, feedTokenFile, readFeedToken } from '../feeds/feed-token';
import { testKeyPair } from '../../test-support/ssh-keys';
import { DestinationEntity, StreamEntity } from '../db/entities/schemas';
import {
  BACKUP_HEADER,
  closeAfterEach,
  configuredInstallation,
  emptyInstallation,
  encryptedKey,
  jpeg,
  PASSPHRASE,
  plainKey,
  snapshotAll,
  userKeyFile,
  type Installation,
  WEBHOOK_SECRET,
  SMTP_PASSWORD,
} from '../backup/test-support';
import { backupOperations } from './backup';
import { notificationChannelOperations } from './notification-channels';
import type { OperationContext } from './context';
import { OperationTable } from './operation-table';

const opened = closeAfterEach();

const table = new OperationTable<OperationContext>(backupOperations, { checkAnswers: true });
const ctxOf = (inst: Installation) => inst as unknown as OperationContext;
const takeBackup = (inst: Installation) =>
  table.invoke('backup.get', {}, ctxOf(inst)) as Promise<BackupDocument>;
const restore = (inst: Installation, doc: unknown) =>
  table.invoke('backup.restore', doc, ctxOf(inst));
/** The key's first two lines (its header and the first line of its body) and its footer. */
const truncatedKey = (key: string) => {
  const lines = key.trimEnd().split('\n');
  return [...lines.slice(0, 2), lines.at(-1)].join('\n') + '\n';
};
// through JSON, as HTTP carries it
const wire = (doc: BackupDocument) => JSON.parse(JSON.stringify(doc)) as BackupDocument;

type EntryKind = 'destinations' | 'streams' | 'schedules' | 'notificationChannels';
type EntryOf<K extends EntryKind> = NonNullable<BackupDocument[K]>[number];

/**
 * A damage of a document: entry `i` of `kind` changed by `change` (its new fields, or a function
 * of the entry giving them); the other entries stay.
 */
const entryChange =
  <K extends EntryKind>(kind: K) =>
  (i: number, change: Record<string, unknown> | ((entry: EntryOf<K>) => Record<string, unknown>)) =>
  (d: BackupDocument) => ({
    ...d,
    [kind]: ((d[kind] ?? []) as EntryOf<K>[]).map((x, j) =>
      j === i ? { ...x, ...(typeof change === 'function' ? change(x) : change) } : x,
    ),
  });
const dest = entryChange('destinations');
const stream = entryChange('streams');
const sched = entryChange('schedules');
const channel = entryChange('notificationChannels');

/** `env`: e.g. the CONFIG_DIR of another installation (where the user's key file is). */
async function installation(kind: 'configured' | 'empty', env: NodeJS.ProcessEnv = {}) {
  return opened(
    kind === 'configured' ? await configuredInstallation(env) : await emptyInstallation(env),
  );
}

describe('backup.get', () => {
  it('answers every destination (with its key text and passphrase), stream (artwork inlined), schedule and setting', async () => {
    const inst = await installation('configured');
    const doc = await takeBackup(inst);
    expect(doc).toMatchObject({
      ...BACKUP_HEADER,
      settings: {
        maxConcurrentRecordings: 6,
        cleanupAfterTransfer: false,
        retentionDays: 14,
        minFreeDiskMb: 2048,
        logLevel: 'debug',
      },
    });
    expect(doc.destinations.map((d) => [d.id, d.privateKey, d.passphrase])).toEqual([
      ['dest-a', encryptedKey, 'correct horse battery staple'],
      ['dest-b', null, null],
    ]);
    expect(doc.destinations[1]?.privateKeyPath).toBe(userKeyFile(inst));
    const art = await readFile(join(inst.settings.artworkDir, 'stream-1.jpg'));
    expect(doc.streams.map((s) => s.id)).toEqual(['stream-1', 'stream-2', 'stream-3']);
    expect(Buffer.from(doc.streams[0]?.artwork ?? '', 'base64').equals(art)).toBe(true);
    expect(doc.streams[2]?.artwork).toBeNull();
    expect(doc.schedules.map((s) => s.id)).toEqual(['sched-1', 'sched-2', 'sched-3']);
    expect(doc.notificationChannels?.map((c) => [c.id, c.kind])).toEqual([
      ['chan-hook', 'webhook'],
      ['chan-ntfy', 'ntfy'],
      ['chan-mail', 'email'],
    ]);
    // no paths of the app's own files in the document (a key file the user named is theirs)
    expect(JSON.stringify(doc)).not.toContain(join(inst.settings.configDir, 'keys'));
    expect(JSON.stringify(doc)).not.toContain(inst.settings.artworkDir);
    // logged without secrets
    const logged = inst.logger.entries.map((e) => e.message).join('\n');
    expect(logged).toContain('Backup taken');
    expect(logged).not.toContain('correct horse');
    expect(logged).not.toContain(WEBHOOK_SECRET);
  });
});

describe('backup.preview', () => {
  const preview = (inst: Installation, doc: unknown) =>
    table.invoke('backup.preview', doc, ctxOf(inst)) as Promise<RestorePreviewDto>;

  it('answers what a restore would change, takes no backup (nothing logged) and changes nothing', async () => {
    const inst = await installation('configured');
    const doc = wire(await takeBackup(inst));
    inst.logger.entries.length = 0;
    const art = (await jpeg(20, 20, '#ff00ff')).toString('base64');
    const changed = {
      ...doc,
      destinations: [{ ...doc.destinations[0]!, privateKey: plainKey, passphrase: null }],
      streams: doc.streams.map((s, i) =>
        i === 0 ? { ...s, artwork: art } : i === 1 ? { ...s, destinationId: null } : s,
      ),
      notificationChannels: [
        { ...doc.notificationChannels![0]!, secret: 'a new webhook secret, 16+ chars' },
        doc.notificationChannels![2]!,
      ],
      settings: { ...doc.settings, retentionDays: 3 },
    };
    const before = await snapshotAll(inst);

    const answer = await preview(inst, changed);

    expect(answer.destinations).toEqual({
      added: [],
      removed: [{ id: 'dest-b', name: 'Path key', changes: [] }],
      changed: [{ id: 'dest-a', name: 'Archive', changes: ['private key', 'passphrase'] }],
      unchanged: 0,
    });
    expect(answer.streams.changed).toEqual([
      { id: 'stream-1', name: 'Morning Show', changes: ['artwork'] },
      { id: 'stream-2', name: 'Jazz Night', changes: ['destination'] },
    ]);
    expect(answer.notificationChannels).toEqual({
      added: [],
      removed: [{ id: 'chan-ntfy', name: 'Phone', changes: [] }],
      changed: [{ id: 'chan-hook', name: 'Team hook', changes: ['secret'] }],
      unchanged: 1,
    });
    expect(answer.settings).toEqual([{ name: 'retentionDays', from: 14, to: 3, lockedBy: null }]);
    expect(answer.unchanged).toBe(false);
    // the same configuration: nothing to change
    expect((await preview(inst, doc)).unchanged).toBe(true);
    // no secret in the answer, no backup taken, nothing changed
    const text = JSON.stringify(answer);
    expect(text).not.toContain(PASSPHRASE);
    expect(text).not.toContain(plainKey.split('\n')[1]);
    for (const secret of [WEBHOOK_SECRET, SMTP_PASSWORD, 'a new webhook secret']) {
      expect(text).not.toContain(secret);
    }
    expect(inst.logger.entries.map((e) => e.message).join('\n')).not.toContain('Backup taken');
    expect(await snapshotAll(inst)).toEqual(before);
    expect(inst.scheduler.reloads).toEqual([]);
  });

  it('refuses what a restore refuses, naming the field', async () => {
    const inst = await installation('configured');
    const doc = wire(await takeBackup(inst));
    const bad = stream(1, { mp3BitrateKbps: 100 })(doc);
    await expect(preview(inst, bad)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      field: 'streams.1.mp3BitrateKbps',
    });
  });

  it('warns of a restore the server would refuse: a stream with sessions left out', async () => {
    const inst = await installation('configured');
    const doc = wire(await takeBackup(inst));
    const answer = await preview(inst, {
      ...doc,
      streams: doc.streams.filter((s) => s.id !== 'stream-1'),
      schedules: doc.schedules.filter((s) => s.streamId !== 'stream-1'),
    });
    expect(answer.refusals).toMatchObject([{ streamId: 'stream-1', sessions: 1 }]);
  });
});

describe('backup.restore', () => {
  it('backup → fresh installation → restore gives back the identical configuration', async () => {
    const source = await installation('configured');
    const doc = await takeBackup(source);
    // a new machine with the same CONFIG_DIR, where the user put their key file again
    const target = await installation('empty', { CONFIG_DIR: source.settings.configDir });

    expect(await restore(target, wire(doc))).toEqual({
      destinations: 2,
      streams: 3,
      schedules: 3,
      notificationChannels: 3,
      settings: 10,
    });

    const again = await takeBackup(target);
    expect(again).toEqual(doc);
    expect(target.runtime.get()).toEqual(source.runtime.get());
    expect(target.scheduler.reloads).toEqual([undefined]);

    // rows equal but for where this installation keeps its files
    const rows = async (inst: Installation) => ({
      destinations: (await inst.db.reader.find(DestinationEntity, { order: { id: 'ASC' } })).map(
        ({ storedKeyFile, passphraseFile, ...d }) => ({
          ...d,
          hasKey: storedKeyFile !== null,
          hasPassphrase: passphraseFile !== null,
        }),
      ),
      streams: (await inst.db.reader.find(StreamEntity, { order: { id: 'ASC' } })).map(
        ({ artworkFile, ...s }) => ({ ...s, hasArt: artworkFile !== null }),
      ),
    });
    expect(await rows(target)).toEqual(await rows(source));

    // the files themselves: same bytes, key readable by the owner only
    const dest = await target.db.reader.findOneByOrFail(DestinationEntity, { id: 'dest-a' });
    expect(dest.storedKeyFile).toBe(join(target.settings.configDir, 'keys', 'dest-a.pem'));
    expect(await readFile(dest.storedKeyFile ?? '', 'utf8')).toBe(encryptedKey);
    expect((await stat(dest.storedKeyFile ?? '')).mode & 0o777).toBe(0o600);
    expect(dest.passphraseFile).toBe(join(target.settings.configDir, 'keys', 'dest-a.passphrase'));
    expect(await readFile(dest.passphraseFile ?? '', 'utf8')).toBe(PASSPHRASE);
    expect((await stat(dest.passphraseFile ?? '')).mode & 0o777).toBe(0o600);
    expect((await stat(join(target.settings.configDir, 'keys'))).mode & 0o777).toBe(0o700);
    for (const id of ['stream-1', 'stream-2']) {
      const s = await target.db.reader.findOneByOrFail(StreamEntity, { id });
      expect(s.artworkFile).toBe(join(target.settings.artworkDir, `${id}.jpg`));
      expect(
        (await readFile(s.artworkFile ?? '')).equals(
          await readFile(join(source.settings.artworkDir, `${id}.jpg`)),
        ),
      ).toBe(true);
    }
    // no temporary files left behind
    expect(await readdir(target.settings.artworkDir)).toEqual(['stream-1.jpg', 'stream-2.jpg']);
    const keys = await readdir(join(target.settings.configDir, 'keys'));
    expect(keys.sort()).toEqual([
      'channel-chan-hook.secret',
      'channel-chan-mail.secret',
      'dest-a.passphrase',
      'dest-a.pem',
    ]);
    // the channels as the API answers them, secrets stored again (0600) but never answered
    const channels = (inst: Installation) =>
      new OperationTable<OperationContext>(notificationChannelOperations, {
        checkAnswers: true,
      }).invoke('notificationChannels.list', {}, ctxOf(inst));
    expect(await channels(target)).toEqual(await channels(source));
    const hook = join(target.settings.configDir, 'keys', 'channel-chan-hook.secret');
    expect(await readFile(hook, 'utf8')).toBe(WEBHOOK_SECRET);
    expect((await stat(hook)).mode & 0o777).toBe(0o600);
  });

  it("carries each stream's podcast feed and the feed token (0600) through backup → wipe → restore; an older backup: no feed, token kept", async () => {
    const source = await installation('configured');
    const stream1 = await source.repos.streams.get('stream-1');
    const podcast = { ...NO_PODCAST, enabled: true, title: 'Mornings', keepEpisodes: 5 };
    await source.repos.streams.update({ ...stream1!, podcast });
    const token = await new FeedTokens(source.settings.configDir).current();
    const doc = wire(await takeBackup(source));
    expect(doc.feedToken).toBe(token);
    expect(doc.streams.map((s) => s.podcast?.enabled)).toEqual([true, false, false]);

    const target = await installation('empty', { CONFIG_DIR: source.settings.configDir });
    await rm(feedTokenFile(target.settings.configDir), { force: true }); // wiped
    await restore(target, doc);
    expect((await target.repos.streams.get('stream-1'))?.podcast).toEqual(podcast);
    expect(await readFeedToken(target.settings.configDir)).toBe(token);
    expect((await stat(feedTokenFile(target.settings.configDir))).mode & 0o777).toBe(0o600);

    // a backup from before feeds: streams restore without a feed, the current token stays
    const { feedToken: _token, ...old } = doc;
    const streams = old.streams.map(({ podcast: _podcast, ...s }) => s);
    await restore(target, { ...old, streams });
    expect((await target.repos.streams.get('stream-1'))?.podcast).toEqual(NO_PODCAST);
    expect(await readFeedToken(target.settings.configDir)).toBe(token);
    // a podcast is checked as streams.create checks it
    const bad = stream(1, { podcast: { enabled: true, keepEpisodes: 0 } })(doc);
    await expect(restore(target, bad)).rejects.toMatchObject({
      field: 'streams.1.podcast.keepEpisodes',
    });
    await expect(restore(target, { ...doc, feedToken: 'short' })).rejects.toMatchObject({
      field: 'feedToken',
    });
  });

  it("carries a destination's publicBaseUrl through backup → wipe → restore; an older backup: none", async () => {
    const source = await installation('configured');
    const destA = await source.repos.destinations.get('dest-a');
    await source.repos.destinations.update({ ...destA!, publicBaseUrl: 'https://example.org/a' });
    const doc = wire(await takeBackup(source));
    expect(doc.destinations.map((d) => d.publicBaseUrl)).toEqual(['https://example.org/a', null]);

    const target = await installation('empty', { CONFIG_DIR: source.settings.configDir });
    await restore(target, doc);
    expect((await target.repos.destinations.get('dest-a'))?.publicBaseUrl).toBe(
      'https://example.org/a',
    );
    // written before the field existed: restored without one
    const destinations = doc.destinations.map(({ publicBaseUrl: _url, ...d }) => d);
    await restore(target, { ...doc, destinations });
    expect((await target.repos.destinations.get('dest-a'))?.publicBaseUrl).toBeNull();
    // checked as destinations.create checks it
    const bad = dest(1, { publicBaseUrl: 'ftp://x' })(doc);
    await expect(restore(target, bad)).rejects.toMatchObject({
      field: 'destinations.1.publicBaseUrl',
    });
  });

  it('restores a backup written before dead-air detection existed: its streams get the defaults', async () => {
    const source = await installation('configured');
    const doc = wire(await takeBackup(source));
    expect(doc.streams.map((s) => [s.silenceThresholdDb, s.deadAirSeconds])).toEqual([
      [-50, 60],
      [-40, 0],
      [-50, 60],
    ]);
    const streams = doc.streams.map(
      ({ silenceThresholdDb: _level, deadAirSeconds: _length, ...old }) => old,
    );
    const target = await installation('empty', { CONFIG_DIR: source.settings.configDir });
    await restore(target, { ...doc, streams });
    const restored = await target.db.reader.find(StreamEntity, { order: { id: 'ASC' } });
    expect(restored.map((s) => [s.silenceThresholdDb, s.deadAirSeconds])).toEqual([
      [-50, 60],
      [-50, 60],
      [-50, 60],
    ]);
  });

  it('restores a backup written before the notification and pre-flight settings existed, with their defaults', async () => {
    const source = await installation('configured');
    const doc = wire(await takeBackup(source));
    const {
      notifyRecordingStarted: _a,
      notifyRecordingCompleted: _b,
      notifyRecordingFailed: _c,
      notifyTransferFailed: _d,
      preflightMinutes: _e,
      ...oldSettings
    } = doc.settings;
    const target = await installation('empty');
    await target.runtime.update({
      notifyRecordingCompleted: false,
      notifyRecordingStarted: true,
      preflightMinutes: 45,
    });
    // a key file lives inside the CONFIG_DIR of the install that uses it: the user puts it there
    await mkdir(dirname(userKeyFile(target)), { recursive: true, mode: 0o700 });
    await writeFile(userKeyFile(target), plainKey, { mode: 0o600 });
    const destinations = doc.destinations.map((d) =>
      d.privateKeyPath ? { ...d, privateKeyPath: userKeyFile(target) } : d,
    );

    await restore(target, { ...doc, destinations, settings: oldSettings });

    expect(target.runtime.get()).toEqual({
      ...oldSettings,
      notifyRecordingStarted: false,
      notifyRecordingCompleted: true,
      notifyRecordingFailed: true,
      notifyTransferFailed: true,
      preflightMinutes: 10,
    });
  });

  describe('a damaged backup changes nothing', () => {
    const cases: [string, (doc: BackupDocument) => unknown, Record<string, unknown>][] = [
      ['not an object', () => 'backup', { code: 'VALIDATION_FAILED' }],
      [
        'wrong format tag',
        (d) => ({ ...d, format: 'something-else' }),
        { code: 'VALIDATION_FAILED', field: 'format' },
      ],
      [
        'unknown version',
        (d) => ({ ...d, version: 2 }),
        { code: 'VALIDATION_FAILED', field: 'version' },
      ],
      [
        'streams not a list',
        (d) => ({ ...d, streams: 'nope' }),
        { code: 'VALIDATION_FAILED', field: 'streams' },
      ],
      [
        'settings missing',
        ({ settings: _s, ...d }) => d,
        { code: 'VALIDATION_FAILED', field: 'settings' },
      ],
      [
        'a port as text',
        (d) => ({ ...d, destinations: [{ ...d.destinations[0], port: '22' }] }),
        { code: 'VALIDATION_FAILED', field: 'destinations.0.port' },
      ],
      [
        'a setting out of range',
        (d) => ({ ...d, settings: { ...d.settings, retentionDays: 9999 } }),
        { code: 'VALIDATION_FAILED', field: 'settings.retentionDays' },
      ],
      [
        'an unknown field',
        (d) => ({ ...d, schedules: [{ ...d.schedules[0], cron: 'x' }] }),
        { code: 'VALIDATION_FAILED' },
      ],
      [
        'a dangling destination reference',
        (d) => ({ ...d, destinations: d.destinations.filter((x) => x.id !== 'dest-b') }),
        { code: 'VALIDATION_FAILED', field: 'streams.1.destinationId' },
      ],
      [
        'a dangling stream reference',
        sched(2, { streamId: 'gone' }),
        { code: 'VALIDATION_FAILED', field: 'schedules.2.streamId' },
      ],
      [
        'a duplicate id',
        (d) => ({ ...d, schedules: [...d.schedules, d.schedules[0]] }),
        { code: 'VALIDATION_FAILED', field: 'schedules.3.id' },
      ],
      [
        'an id that is not a file name',
        stream(2, { id: '../x' }),
        { code: 'VALIDATION_FAILED', field: 'streams.2.id' },
      ],
      [
        'artwork that is not base64',
        (d) => ({ ...d, streams: d.streams.map((s) => ({ ...s, artwork: '/9j/%%%not base64' })) }),
        { code: 'VALIDATION_FAILED', field: 'streams.0.artwork' },
      ],
      [
        'artwork that is base64 of something else',
        stream(1, { artwork: Buffer.from('GIF89a....').toString('base64') }),
        { code: 'VALIDATION_FAILED', field: 'streams.1.artwork' },
      ],
      [
        'a cut-off JPEG',
        stream(1, (s) => ({ artwork: cut(s.artwork ?? '') })),
        { code: 'INVALID_IMAGE', field: 'streams.1.artwork' },
      ],
      [
        'a damaged private key',
        // cut after its first line: always damaged, whatever the generated key holds (cutting
        // a few letters out of a random key left about one key in 20 readable)
        dest(0, (x) => ({ privateKey: truncatedKey(x.privateKey ?? '') })),
        { code: 'VALIDATION_FAILED', field: 'destinations.0.privateKey' },
      ],
      [
        'a wrong passphrase',
        dest(0, { passphrase: 'no' }),
        { code: 'VALIDATION_FAILED', field: 'destinations.0.passphrase' },
      ],
      [
        'a file: stream URL',
        stream(2, { streamUrl: 'file:///etc/passwd' }),
        { code: 'VALIDATION_FAILED', field: 'streams.2.streamUrl' },
      ],
      [
        'a concat: fallback URL',
        stream(0, { fallbackUrls: ['https://ok.example.org/', 'concat:a|b'] }),
        { code: 'VALIDATION_FAILED', field: 'streams.0.fallbackUrls.1' },
      ],
      [
        'a bad cron expression',
        sched(1, { cronExpression: '61 * * * *' }),
        { code: 'VALIDATION_FAILED', field: 'schedules.1.cronExpression' },
      ],
      [
        'an unknown time zone',
        sched(0, { timezone: 'Mars/Olympus' }),
        { code: 'VALIDATION_FAILED', field: 'schedules.0.timezone' },
      ],
      [
        'notification channels not a list',
        (d) => ({ ...d, notificationChannels: { 0: d.notificationChannels?.[0] } }),
        { code: 'VALIDATION_FAILED', field: 'notificationChannels' },
      ],
      [
        'a channel of an unknown kind',
        channel(1, { kind: 'pager' }),
        { code: 'VALIDATION_FAILED', field: 'notificationChannels.1.kind' },
      ],
      [
        'a duplicate channel id',
        (d) => ({
          ...d,
          notificationChannels: [...(d.notificationChannels ?? []), d.notificationChannels?.[0]],
        }),
        { code: 'VALIDATION_FAILED', field: 'notificationChannels.3.id' },
      ],
      [
        'a channel field a channel does not have',
        channel(0, { token: 'tk_x' }),
        { code: 'VALIDATION_FAILED', field: 'notificationChannels.0' },
      ],
    ];

    it.each(cases)('%s', async (_name, damage, expected) => {
      await expectRefusedUnchanged(damage, expected);
    });
  });

  describe('refuses what create and update refuse, naming the field; nothing changes', () => {
    const cases: [string, (doc: BackupDocument) => unknown, string][] = [
      [
        'a relative key path',
        dest(1, { privateKeyPath: 'ssh/id_ed25519' }),
        'destinations.1.privateKeyPath',
      ],
      [
        'a key path to a file that is no key',
        dest(1, { privateKeyPath: '/etc/passwd' }),
        'destinations.1.privateKeyPath',
      ],
      [
        'a key and a key path together',
        (d) => dest(0, { privateKeyPath: d.destinations[1]?.privateKeyPath })(d),
        'destinations.0.privateKeyPath',
      ],
      [
        'a destination with no key at all',
        dest(1, { privateKeyPath: null }),
        'destinations.1.privateKey',
      ],
      ['a control character in a name', dest(0, { name: 'Archive\u0007' }), 'destinations.0.name'],
      ['a host starting with "-"', dest(0, { host: '-oProxyCommand' }), 'destinations.0.host'],
      ['a blank in a user name', dest(0, { username: 'ra dio' }), 'destinations.0.username'],
      [
        'a malformed host key fingerprint',
        dest(0, { hostKeyFingerprint: 'SHA256:short' }),
        'destinations.0.hostKeyFingerprint',
      ],
      [
        'a passphrase longer than the API allows',
        dest(1, { passphrase: 'x'.repeat(1025) }),
        'destinations.1.passphrase',
      ],
      [
        'a remote folder longer than the API allows',
        dest(0, { remoteDir: `/${'x'.repeat(1024)}` }),
        'destinations.0.remoteDir',
      ],
      ['a line break in a stream name', stream(1, { name: 'Jazz\nNight' }), 'streams.1.name'],
      ['a name longer than the API allows', stream(0, { name: 'x'.repeat(201) }), 'streams.0.name'],
      ['an empty artist', stream(2, { artist: '' }), 'streams.2.artist'],
      [
        'a bit rate the UI does not offer',
        stream(0, { mp3BitrateKbps: 100 }),
        'streams.0.mp3BitrateKbps',
      ],
      [
        'a silence level above -10 dB',
        stream(1, { silenceThresholdDb: -3 }),
        'streams.1.silenceThresholdDb',
      ],
      [
        'a dead-air length that is not whole seconds',
        stream(2, { deadAirSeconds: 90.5 }),
        'streams.2.deadAirSeconds',
      ],
      [
        '100 fallback URLs',
        stream(0, {
          fallbackUrls: Array.from({ length: 100 }, (_, i) => `https://fb${i}.example.org/`),
        }),
        'streams.0.fallbackUrls',
      ],
      [
        'a start pad longer than the API allows',
        sched(0, { padBeforeSeconds: 86_400 }),
        'schedules.0.padBeforeSeconds',
      ],
      [
        'an end pad longer than the API allows',
        sched(1, { padAfterSeconds: 7200 }),
        'schedules.1.padAfterSeconds',
      ],
      ['more retries than the API allows', sched(2, { maxRetries: 100 }), 'schedules.2.maxRetries'],
      [
        'a cron string longer than the API allows',
        sched(0, { cronExpression: `0 6 * * ${'1,'.repeat(70)}1` }),
        'schedules.0.cronExpression',
      ],
      [
        'a webhook without its secret',
        channel(0, { secret: null }),
        'notificationChannels.0.secret',
      ],
      [
        'a webhook secret shorter than 16 characters',
        channel(0, { secret: 'short' }),
        'notificationChannels.0.secret',
      ],
      [
        'a file: webhook URL',
        channel(0, { url: 'file:///etc/passwd' }),
        'notificationChannels.0.url',
      ],
      [
        'a webhook URL with a password in it',
        channel(0, { url: 'https://me:pw@hooks.example.org/x' }),
        'notificationChannels.0.url',
      ],
      [
        'an unknown event',
        channel(0, { events: ['recording.exploded'] }),
        'notificationChannels.0.events.0',
      ],
      ['an empty channel name', channel(1, { name: '  ' }), 'notificationChannels.1.name'],
      [
        'an ntfy URL without a topic',
        channel(1, { url: 'https://ntfy.sh/' }),
        'notificationChannels.1.url',
      ],
      ['an ntfy priority of 9', channel(1, { priority: 9 }), 'notificationChannels.1.priority'],
      [
        'an ntfy token with a blank',
        channel(1, { token: 'tk abc' }),
        'notificationChannels.1.token',
      ],
      [
        'an SMTP host starting with "-"',
        channel(2, { host: '-oProxy' }),
        'notificationChannels.2.host',
      ],
      ['an SMTP port of 0', channel(2, { port: 0 }), 'notificationChannels.2.port'],
      [
        'an unknown SMTP security',
        channel(2, { security: 'ssl' }),
        'notificationChannels.2.security',
      ],
      [
        'a sender that is no address',
        channel(2, { from: 'recorder' }),
        'notificationChannels.2.from',
      ],
      ['no recipients', channel(2, { to: [] }), 'notificationChannels.2.to'],
      [
        'a recipient that is no address',
        channel(2, { to: ['me@example.org', 'you'] }),
        'notificationChannels.2.to.1',
      ],
      [
        'a line break in an SMTP password',
        channel(2, { password: 'pass\nword' }),
        'notificationChannels.2.password',
      ],
    ];

    it.each(cases)('%s', async (_name, damage, field) => {
      await expectRefusedUnchanged(damage, { code: 'VALIDATION_FAILED', field });
    });
  });
});

describe('backup.restore: the bounds of a document', () => {
  const times = (n: number) => Array.from({ length: n }, () => ({}));
  const cases: [string, (doc: BackupDocument) => unknown | Promise<unknown>, object][] = [
    [
      'more destinations than a restore accepts',
      (d) => ({ ...d, destinations: times(MAX_BACKUP_DESTINATIONS + 1) }),
      { code: 'VALIDATION_FAILED', field: 'destinations' },
    ],
    [
      'more streams than a restore accepts',
      (d) => ({ ...d, streams: times(MAX_BACKUP_STREAMS + 1) }),
      { code: 'VALIDATION_FAILED', field: 'streams' },
    ],
    [
      'more schedules than a restore accepts',
      (d) => ({ ...d, schedules: times(MAX_BACKUP_SCHEDULES + 1) }),
      { code: 'VALIDATION_FAILED', field: 'schedules' },
    ],
    [
      'more notification channels than a restore accepts',
      (d) => ({ ...d, notificationChannels: times(MAX_BACKUP_CHANNELS + 1) }),
      { code: 'VALIDATION_FAILED', field: 'notificationChannels' },
    ],
    [
      'a cover of more than 4 MB',
      stream(0, { artwork: `/9j/${'A'.repeat(4 * 1024 * 1024 * 1.4)}` }),
      { code: 'VALIDATION_FAILED', field: 'streams.0.artwork' },
    ],
    [
      'a cover larger than a stored one (1500 px)',
      async (d) => {
        const big = (await jpeg(1500, 1500)).toString('base64');
        return stream(2, { artwork: big })(d);
      },
      { code: 'INVALID_IMAGE', field: 'streams.2.artwork' },
    ],
    [
      'a key asking for more bcrypt rounds than a key may',
      dest(0, (x) => ({ privateKey: withKdfRounds(x.privateKey ?? '', 1_000_000) })),
      { code: 'VALIDATION_FAILED', field: 'destinations.0.privateKey' },
    ],
    [
      'keys asking for more bcrypt rounds together than a restore opens',
      (d) => {
        // with the 2 rounds of the document's own encrypted key, the last one is too many
        const n = MAX_BACKUP_KEY_KDF_ROUNDS / PRIVATE_KEY_MAX_KDF_ROUNDS;
        const key = (i: number) =>
          withKdfRounds(
            testKeyPair({ passphrase: 'pw', cipher: 'aes256-ctr', rounds: 1 }).private,
            PRIVATE_KEY_MAX_KDF_ROUNDS,
            i,
          );
        const extra = Array.from({ length: n }, (_, i) => ({
          ...d.destinations[0]!,
          id: `dest-kdf-${i}`,
          privateKey: key(i),
          passphrase: 'pw',
        }));
        return { ...d, destinations: [...d.destinations, ...extra] };
      },
      { code: 'VALIDATION_FAILED', field: `destinations.${2 + 15}.privateKey` },
    ],
  ];

  it.each(cases)('%s', async (_name, damage, expected) => {
    await expectRefusedUnchanged(damage, expected);
  });
});

/**
 * `pem` with the bcrypt rounds in its header set to `rounds` (and its salt's first byte to
 * `salt`, to make keys differ): it no longer opens, but says it would take that long.
 */
function withKdfRounds(pem: string, rounds: number, salt = 0): string {
  const body = /-----BEGIN OPENSSH PRIVATE KEY-----\n([\s\S]*?)-----END/.exec(pem)?.[1] ?? '';
  const data = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  let at = 'openssh-key-v1\0'.length;
  for (let i = 0; i < 2; i++) at += 4 + data.readUInt32BE(at); // cipher and kdf names
  const saltLength = data.readUInt32BE(at + 4);
  data[at + 8] = salt;
  data.writeUInt32BE(rounds, at + 8 + saltLength);
  return `-----BEGIN OPENSSH PRIVATE KEY-----\n${data.toString('base64')}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

/**
 * Restores `damage(doc)` of another configuration (which would change everything) and expects
 * the refusal; the installation's rows and files are exactly as before.
 */
async function expectRefusedUnchanged(damage: (doc: BackupDocument) => unknown, expected: object) {
  const inst = await installation('configured');
  // the backup of another configuration (whose key file is where this one's is)
  const other = await installation('configured', { CONFIG_DIR: inst.settings.configDir });
  await other.db.write((m) =>
    m.update(StreamEntity, { id: 'stream-3' }, { name: 'Renamed elsewhere' }),
  );
  const doc = wire(await takeBackup(other));
  await writeExtraArtwork(inst);
  const before = await snapshotAll(inst);

  await expect(restore(inst, await damage(doc))).rejects.toMatchObject(expected);

  expect(await snapshotAll(inst)).toEqual(before);
  expect(inst.scheduler.reloads).toEqual([]);
}

/** The first half of a base64 JPEG: it starts like one but its data is cut off. */
function cut(base64: string): string {
  const bytes = Buffer.from(base64, 'base64');
  return bytes.subarray(0, Math.floor(bytes.length / 2)).toString('base64');
}

/** A changed cover, so that a restore that wrote artwork would show. */
async function writeExtraArtwork(inst: Installation) {
  const { writeFile } = await import('node:fs/promises');
  await writeFile(join(inst.settings.artworkDir, 'stream-1.jpg'), await jpeg(16, 16, '#00ff00'));
}
