// `npm run record -- --url URL --name NAME --duration SECONDS [...]`: records one window now, makes
// the tagged MP3 and, with --sftp, delivers it. Configuration (folders, TZ, FFMPEG_PATH, ...) comes
// from the environment like every host. Transfers that fail are kept in the queue and retried by
// the next run (or by the server, once it exists).
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError, isAppError, type TransferStatus } from '../contract';
import { loadSettings } from '../src/config/settings';
import { createCore, type Core } from '../src/create-core';
import type { DestinationRecord, StreamRecord } from '../src/db/entities/records';
import { DestinationEntity, StreamEntity } from '../src/db/entities/schemas';
import {
  passphraseFilePath,
  removeKeyFile,
  stageKey,
  writePassphrase,
} from '../src/operations/key-store';
import { assertPrivateKey } from '../src/operations/private-key';
import { normalizeArtwork } from '../src/processor/artwork';
import { assertNetworkUrl } from '../src/recorder/url-policy';

const usage = `Usage: npm run record -- --url URL --name NAME --duration SECONDS [options]

  --url URL              the stream (http, https, icecast, rtmp, rtsp, HLS .m3u8, PLS/M3U)
  --fallback URL         a fallback URL (repeatable)
  --name NAME            the stream's name (title: "YYYY-MM-DD NAME")
  --duration SECONDS     how long to record (1..86400)
  --artist, --album, --album-artist, --genre   tags (default: the name)
  --pattern PATTERN      file name pattern, default "{date} {name}"
  --bitrate KBPS         MP3 bitrate for non-MP3 sources (default 192)
  --artwork FILE         cover art (JPEG, PNG or WebP)
  --sftp USER@HOST[:PORT]:/DIR   deliver over SFTP
  --key FILE             private key for --sftp (passphrase from SFTP_KEY_PASSPHRASE)
  --host-key SHA256:...  expected host key (default: pinned on first use)
  --wait-transfer SECONDS   how long to wait for the delivery before exiting (default 120)
`;

function fail(message: string): never {
  console.error(`error: ${message}\n\n${usage}`);
  process.exit(2);
}

function parseSftp(spec: string): {
  username: string;
  host: string;
  port: number;
  remoteDir: string;
} {
  const m = /^([^@]+)@([^:]+)(?::(\d+))?:(.+)$/.exec(spec);
  if (!m) fail(`--sftp must look like user@host[:port]:/remote/dir, not "${spec}"`);
  return { username: m[1]!, host: m[2]!, port: m[3] ? Number(m[3]) : 22, remoteDir: m[4]! };
}

const id = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);

async function main(): Promise<number> {
  const { values: a } = parseArgs({
    options: {
      url: { type: 'string' },
      fallback: { type: 'string', multiple: true },
      name: { type: 'string' },
      duration: { type: 'string' },
      artist: { type: 'string' },
      album: { type: 'string' },
      'album-artist': { type: 'string' },
      genre: { type: 'string' },
      pattern: { type: 'string' },
      bitrate: { type: 'string' },
      artwork: { type: 'string' },
      sftp: { type: 'string' },
      key: { type: 'string' },
      'host-key': { type: 'string' },
      'wait-transfer': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (a.help) {
    console.log(usage);
    return 0;
  }
  if (!a.url || !a.name || !a.duration) fail('--url, --name and --duration are required');
  const duration = Number(a.duration);
  if (!Number.isInteger(duration) || duration < 1 || duration > 86_400)
    fail('--duration must be a whole number of seconds from 1 to 86400');
  const bitrate = a.bitrate ? Number(a.bitrate) : 192;
  if (![32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320].includes(bitrate))
    fail('--bitrate must be an MP3 bitrate such as 128, 192 or 320');
  const urls = [a.url, ...(a.fallback ?? [])];
  urls.forEach((u, i) => assertNetworkUrl(u, i === 0 ? 'url' : 'fallback'));
  if (a.sftp && !a.key) fail('--sftp needs --key');

  const settings = loadSettings();
  const core = await createCore(settings, {
    onLog: (e) =>
      console.log(`${new Date(e.time).toLocaleTimeString()} ${e.level.padEnd(5)} ${e.message}`),
  });
  try {
    return await run(core, a, urls, duration, bitrate);
  } finally {
    await core.stop();
  }
}

async function run(
  core: Core,
  a: Record<string, string | string[] | boolean | undefined>,
  urls: string[],
  duration: number,
  bitrate: number,
): Promise<number> {
  const now = new Date().toISOString();
  const str = (k: string) => a[k] as string | undefined;
  let destinationId: string | null = null;
  if (str('sftp')) {
    const target = parseSftp(str('sftp')!);
    destinationId = id('dest', target.username, target.host, String(target.port), target.remoteDir);
    const existing = await core.db.reader.findOneBy(DestinationEntity, { id: destinationId });
    // the key and its passphrase are stored as the API stores them: 0600 files in CONFIG_DIR/keys
    // (a key path must lie inside CONFIG_DIR; the one given here may be anywhere)
    const { configDir } = core.settings;
    const pem = await readFile(resolve(str('key')!), 'utf8');
    const passphrase = process.env.SFTP_KEY_PASSPHRASE || null;
    await assertPrivateKey(pem, passphrase, 'privateKey');
    const storedKeyFile = await (await stageKey(configDir, destinationId, pem)).commit();
    const passphraseFile = passphrase
      ? await writePassphrase(configDir, destinationId, passphrase)
      : null;
    if (!passphraseFile)
      await removeKeyFile(configDir, passphraseFilePath(configDir, destinationId));
    const record: DestinationRecord = {
      id: destinationId,
      name: `${target.username}@${target.host}`,
      ...target,
      privateKeyPath: null,
      storedKeyFile,
      passphraseFile,
      hostKeyFingerprint: str('host-key') ?? existing?.hostKeyFingerprint ?? null,
      transferMode: existing?.transferMode ?? 'fastPut',
      createdAt: existing?.createdAt ?? now,
      updatedAt: now,
    };
    await core.db.write((m) => m.save(DestinationEntity, record));
  }
  const streamId = id('stream', str('name')!);
  let artworkFile: string | null = null;
  if (str('artwork')) {
    const jpeg = await normalizeArtwork(await readFile(str('artwork')!));
    artworkFile = join(core.settings.artworkDir, `${streamId}.jpg`);
    await writeFile(artworkFile, jpeg);
  }
  const existing = await core.db.reader.findOneBy(StreamEntity, { id: streamId });
  const stream: StreamRecord = {
    id: streamId,
    name: str('name')!,
    streamUrl: urls[0]!,
    fallbackUrls: urls.slice(1),
    artist: str('artist') ?? str('name')!,
    album: str('album') ?? str('name')!,
    albumArtist: str('album-artist') ?? str('artist') ?? str('name')!,
    genre: str('genre') ?? null,
    outputFilenamePattern: str('pattern') ?? null,
    destinationId,
    mp3BitrateKbps: bitrate,
    artworkFile: artworkFile ?? existing?.artworkFile ?? null,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
  await core.db.write((m) => m.save(StreamEntity, stream));

  const start = Date.now();
  const { session, done } = await core.recordNow({
    streamId,
    scheduleId: null,
    windowStart: start,
    windowEnd: start + duration * 1000,
  });
  const stop = () => {
    console.log('\nStopping: what was captured will be processed (Ctrl-C again to abort).');
    core.active.stop(session.id);
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', stop);
  const finished = await done;
  process.off('SIGINT', stop);
  if (finished.status !== 'COMPLETED') {
    console.error(`Recording failed: ${finished.errorMessage}`);
    return 1;
  }
  console.log(
    `Recorded ${finished.outputFilePath} (${finished.durationSeconds} s${finished.gaps.length ? `, ${finished.gaps.length} gap(s)` : ''}).`,
  );
  if (!destinationId) return 0;
  const deadline = Date.now() + Number(str('wait-transfer') ?? 120) * 1000;
  let status: TransferStatus = finished.transferStatus;
  while (Date.now() < deadline) {
    const s = await core.sessions.get(session.id);
    status = s.transferStatus;
    if (status === 'COMPLETED') {
      console.log(`Delivered: ${s.remotePath}`);
      return 0;
    }
    if (status === 'FAILED') {
      console.error(s.errorMessage);
      return 1;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  console.error(`The transfer is still ${status}; it stays queued and the next run retries it.`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (isAppError(error) || error instanceof AppError) console.error(`error: ${error.message}`);
    else console.error(error);
    process.exit(1);
  },
);
