// `npm run record -- --url URL --name NAME --duration SECONDS [...]`: records one window now, makes
// the tagged MP3 and, with --sftp, delivers it. Configuration (folders, TZ, FFMPEG_PATH, ...) comes
// from the environment like every host. Transfers that fail are kept in the queue and retried by
// the next run (or by the server, once it exists).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError, isAppError, type SessionDto, type TransferStatus } from '../contract';
import type { ListResult } from '../contract/operation';
import type { DestinationDto } from '../contract/operations/destinations';
import type { StreamDto } from '../contract/operations/streams';
import { loadSettings } from '../src/config/settings';
import { createCore, type Core } from '../src/create-core';
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

type Args = Record<string, string | string[] | boolean | undefined>;

/** The destination of --sftp, created or updated through the operations (like the UI does). */
async function saveDestination(core: Core, a: Args): Promise<string> {
  const target = parseSftp(a.sftp as string);
  const { items } = (await core.invoke('destinations.list', {})) as ListResult<DestinationDto>;
  const existing = items.find(
    (d) =>
      d.username === target.username &&
      d.host === target.host &&
      d.port === target.port &&
      d.remoteDir === target.remoteDir,
  );
  // the key and its passphrase are stored as the API stores them: 0600 files in CONFIG_DIR/keys
  // (a key path must lie inside CONFIG_DIR; the one given here may be anywhere)
  const input = {
    name: existing?.name ?? `${target.username}@${target.host}`,
    ...target,
    privateKey: await readFile(resolve(a.key as string), 'utf8'),
    passphrase: process.env.SFTP_KEY_PASSPHRASE || null,
    hostKeyFingerprint: (a['host-key'] as string | undefined) ?? existing?.hostKeyFingerprint,
  };
  const saved = existing
    ? await core.invoke('destinations.update', { id: existing.id, ...input })
    : await core.invoke('destinations.create', input);
  return (saved as DestinationDto).id;
}

/** The stream of --name, created or updated through the operations, with its artwork. */
async function saveStream(
  core: Core,
  a: Args,
  urls: string[],
  bitrate: number,
  destinationId: string | null,
): Promise<string> {
  const str = (k: string) => a[k] as string | undefined;
  const name = str('name')!;
  const { items } = (await core.invoke('streams.list', {})) as ListResult<StreamDto>;
  const existing = items.find((s) => s.name === name);
  const input = {
    name,
    streamUrl: urls[0]!,
    fallbackUrls: urls.slice(1),
    artist: str('artist') ?? name,
    album: str('album') ?? name,
    albumArtist: str('album-artist') ?? str('artist') ?? name,
    genre: str('genre') ?? null,
    outputFilenamePattern: str('pattern') ?? null,
    destinationId,
    mp3BitrateKbps: bitrate,
  };
  const saved = (
    existing
      ? await core.invoke('streams.update', { id: existing.id, ...input })
      : await core.invoke('streams.create', input)
  ) as StreamDto;
  if (str('artwork')) {
    const body = new Uint8Array(await readFile(str('artwork')!));
    await core.invoke('streams.setArtwork', { id: saved.id, body });
  }
  return saved.id;
}

/** Settles with the session once it is finished (COMPLETED or FAILED). */
function finishedSession(core: Core, id: string): Promise<SessionDto> {
  return new Promise((resolve, reject) => {
    const check = (s: SessionDto) => {
      if (s.id !== id || (s.status !== 'COMPLETED' && s.status !== 'FAILED')) return;
      off();
      resolve(s);
    };
    const off = core.events.on('session', check);
    (core.invoke('sessions.get', { id }) as Promise<SessionDto>).then(check, (error: unknown) => {
      off();
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

async function run(
  core: Core,
  a: Args,
  urls: string[],
  duration: number,
  bitrate: number,
): Promise<number> {
  const destinationId = a.sftp ? await saveDestination(core, a) : null;
  const streamId = await saveStream(core, a, urls, bitrate, destinationId);
  const session = (await core.invoke('streams.record', {
    id: streamId,
    durationSeconds: duration,
  })) as SessionDto;
  const finishing = finishedSession(core, session.id);
  const stop = () => {
    console.log('\nStopping: what was captured will be processed (Ctrl-C again to abort).');
    void core.invoke('sessions.stop', { id: session.id }).catch(() => undefined);
    process.once('SIGINT', () => process.exit(130));
  };
  process.once('SIGINT', stop);
  const finished = await finishing;
  process.off('SIGINT', stop);
  if (finished.status !== 'COMPLETED') {
    console.error(`Recording failed: ${finished.errorMessage}`);
    return 1;
  }
  console.log(
    `Recorded ${finished.outputFilePath} (${finished.durationSeconds} s${finished.gaps.length ? `, ${finished.gaps.length} gap(s)` : ''}).`,
  );
  if (!destinationId) return 0;
  const deadline = Date.now() + Number((a['wait-transfer'] as string | undefined) ?? 120) * 1000;
  let status: TransferStatus = finished.transferStatus;
  while (Date.now() < deadline) {
    const s = (await core.invoke('sessions.get', { id: session.id })) as SessionDto;
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
