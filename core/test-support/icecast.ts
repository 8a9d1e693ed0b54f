import { chmod, chown, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { freePort } from './free-port';
import { spawnTracked, type TrackedChild } from './processes';
import { httpSample, waitUntil } from './wait';

/** Codecs a test mount can carry, with the container and content type each is pushed in. */
export type MountCodec = 'mp3' | 'aac' | 'opus' | 'vorbis' | 'flac';

export interface MountOptions {
  codec: MountCodec;
  /** Frequency of the sine tone in Hz (default 440). */
  frequency?: number;
  /** Encoder bitrate (default 128; opus 64; ignored for flac). */
  bitrateKbps?: number;
  /** Station name sent as `ice-name`, so probing shows `icy-name` (default `Test <mount>`). */
  name?: string;
  /**
   * Digital silence (the tone at volume 0) from `fromSeconds` to `toSeconds` of the feeder's own
   * time, which runs at real-time pace from the feeder's start (dead-air tests).
   */
  silence?: { fromSeconds: number; toSeconds: number };
  /** Output sample rate (default 44100): 22050 makes an MPEG-2 Layer III mount. */
  sampleRate?: number;
  /** MP3 only: libmp3lame's VBR quality (0-9) instead of a constant bitrate. */
  vbrQuality?: number;
}

/** One ffmpeg source client pushing a live sine tone to a mount. */
export interface Feeder {
  /** Kills the source: Icecast drops the mount and disconnects its listeners at once. */
  stop(): Promise<void>;
  /** Starts the source again after stop(); resolves once the mount is listenable again. */
  start(): Promise<void>;
}

export interface IcecastServer {
  /** The loopback port Icecast listens on. */
  readonly port: number;
  /** The source password (user `source`). */
  readonly sourcePassword: string;
  /** `http://127.0.0.1:<port>/<mount>` (a leading slash on `mount` is optional). */
  url(mount: string): string;
  /**
   * Starts a feeder for `mount`; resolves once the mount answers 200 and audio bytes flow
   * (about 0.5 s; Ogg codecs 1-2 s). The 64 KB connect-time burst fills as the feeder runs: a
   * listener gets the whole burst only from about 4 s (at 128 kb/s) after this resolves.
   */
  addMount(mount: string, options: MountOptions): Promise<Feeder>;
  /**
   * Sets the title of `mount` through Icecast's admin metadata endpoint
   * (`/admin/metadata?mount=…&mode=updinfo&song=…`, as a station's playout does); listeners that
   * asked for ICY metadata get it in their next metadata block.
   */
  setTitle(mount: string, title: string): Promise<void>;
  /** Stops every feeder, then Icecast, and removes the temp dir. */
  stop(): Promise<void>;
}

export interface IcecastOptions {
  /** Source password (default: a fixed test password). */
  sourcePassword?: string;
  /** Max listeners (default 100) and max sources (default 20). */
  maxClients?: number;
  maxSources?: number;
}

const contentTypes: Record<MountCodec, { format: string; contentType: string }> = {
  mp3: { format: 'mp3', contentType: 'audio/mpeg' },
  aac: { format: 'adts', contentType: 'audio/aac' },
  opus: { format: 'ogg', contentType: 'audio/ogg' },
  vorbis: { format: 'ogg', contentType: 'audio/ogg' },
  flac: { format: 'ogg', contentType: 'audio/ogg' },
};

/** ffmpeg arguments that encode a sine tone and push it to an Icecast mount. */
export function feederArgs(target: string, options: MountOptions): string[] {
  const { codec, frequency = 440, name, silence } = options;
  const mute = silence
    ? `,volume=enable='between(t,${silence.fromSeconds},${silence.toSeconds})':volume=0`
    : '';
  const bitrate = `${options.bitrateKbps ?? (codec === 'opus' ? 64 : 128)}k`;
  const encoder: Record<MountCodec, string[]> = {
    mp3: [
      ...['-c:a', 'libmp3lame'],
      ...(options.vbrQuality === undefined ? ['-b:a', bitrate] : ['-q:a', `${options.vbrQuality}`]),
    ],
    aac: ['-c:a', 'aac', '-b:a', bitrate],
    opus: ['-c:a', 'libopus', '-b:a', bitrate, '-ar', '48000'],
    vorbis: ['-c:a', 'libvorbis', '-b:a', bitrate],
    flac: ['-c:a', 'flac'],
  };
  const { format, contentType } = contentTypes[codec];
  return [
    ...['-hide_banner', '-nostdin', '-loglevel', 'error'],
    ...['-re', '-f', 'lavfi', '-i', `sine=frequency=${frequency}:sample_rate=44100${mute}`],
    ...['-ac', '2', ...encoder[codec]],
    ...(options.sampleRate ? ['-ar', `${options.sampleRate}`] : []),
    ...(codec === 'mp3' ? ['-id3v2_version', '0', '-write_xing', '0'] : []),
    // short Ogg pages: audio reaches listeners within ~0.2 s instead of after a 1 s page
    ...(format === 'ogg' ? ['-page_duration', '200000'] : []),
    ...['-f', format, '-content_type', contentType],
    ...(name ? ['-ice_name', name] : []),
    target,
  ];
}

/** The uid/gid of `nobody`/`nogroup` (Icecast refuses to run as root). */
function nobodyIds(): { uid: number; gid: number } {
  const find = (file: string, names: string[]): number | undefined => {
    try {
      for (const line of readFileSync(file, 'utf8').split('\n')) {
        const fields = line.split(':');
        if (names.includes(fields[0]!)) return Number(fields[2]);
      }
    } catch {
      // fall through to the default
    }
    return undefined;
  };
  return {
    uid: find('/etc/passwd', ['nobody']) ?? 65534,
    gid: find('/etc/group', ['nogroup', 'nobody']) ?? 65534,
  };
}

function configXml(port: number, dir: string, o: Required<IcecastOptions>): string {
  return `<icecast>
  <location>${basename(dir)}</location>
  <admin>test@localhost</admin>
  <hostname>127.0.0.1</hostname>
  <limits>
    <clients>${o.maxClients}</clients>
    <sources>${o.maxSources}</sources>
    <queue-size>524288</queue-size>
    <client-timeout>30</client-timeout>
    <header-timeout>15</header-timeout>
    <source-timeout>10</source-timeout>
    <burst-on-connect>1</burst-on-connect>
    <burst-size>65535</burst-size>
  </limits>
  <authentication>
    <source-password>${o.sourcePassword}</source-password>
    <relay-password>${o.sourcePassword}</relay-password>
    <admin-user>admin</admin-user>
    <admin-password>${o.sourcePassword}</admin-password>
  </authentication>
  <listen-socket>
    <port>${port}</port>
    <bind-address>127.0.0.1</bind-address>
  </listen-socket>
  <fileserve>1</fileserve>
  <paths>
    <basedir>/usr/share/icecast2</basedir>
    <logdir>${dir}/log</logdir>
    <webroot>/usr/share/icecast2/web</webroot>
    <adminroot>/usr/share/icecast2/admin</adminroot>
  </paths>
  <logging>
    <accesslog>access.log</accesslog>
    <errorlog>error.log</errorlog>
    <loglevel>3</loglevel>
    <logsize>10000</logsize>
  </logging>
  <security>
    <chroot>0</chroot>
  </security>
</icecast>
`;
}

/** Icecast's status page on `port` ('' when nothing answers it within 1 s). */
async function statusOf(port: number): Promise<string> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/status-json.xsl`, {
      signal: AbortSignal.timeout(1000),
    });
    return res.ok ? await res.text() : '';
  } catch {
    return '';
  }
}

/**
 * Starts a real Icecast 2 (Debian's `icecast2`) on 127.0.0.1 and a free port, with the default
 * 64 KB burst-on-connect. Run as root, it is started as `nobody` (Icecast refuses root), with its
 * config and logs in a temp dir owned by `nobody`. Resolves once Icecast answers HTTP.
 *
 * @example
 *   const ice = await startIcecast();
 *   await ice.addMount('/live.mp3', { codec: 'mp3', name: 'Test FM' });
 *   // record ice.url('/live.mp3') ...
 *   await ice.stop();
 */
export async function startIcecast(options: IcecastOptions = {}): Promise<IcecastServer> {
  const opts: Required<IcecastOptions> = {
    sourcePassword: options.sourcePassword ?? 'test-source-pw',
    maxClients: options.maxClients ?? 100,
    maxSources: options.maxSources ?? 20,
  };
  const dir = await mkdtemp(join(tmpdir(), 'asr-icecast-'));
  await mkdir(join(dir, 'log'));
  const configPath = join(dir, 'icecast.xml');
  const feeders = new Set<TrackedChild>();
  let icecast: TrackedChild | undefined;

  const cleanup = async () => {
    await Promise.all([...feeders].map((f) => f.stop()));
    await icecast?.stop();
    await rm(dir, { recursive: true, force: true });
  };

  const errorLog = () =>
    readFile(join(dir, 'log', 'error.log'), 'utf8').then(
      (t) => t.slice(-4000),
      () => '',
    );

  let port = 0;
  try {
    // A free port can be taken between freePort() and Icecast's bind: try a few.
    for (let attempt = 1; ; attempt++) {
      port = await freePort();
      await writeFile(configPath, configXml(port, dir, opts));
      await chmod(configPath, 0o644);
      const asRoot = process.getuid?.() === 0;
      const ids = asRoot ? nobodyIds() : undefined;
      if (ids) {
        await chown(dir, ids.uid, ids.gid);
        await chown(join(dir, 'log'), ids.uid, ids.gid);
      }
      icecast = spawnTracked('icecast2', ['-c', configPath], { uid: ids?.uid, gid: ids?.gid });
      const proc = icecast;
      const answered = await waitUntil(
        `Icecast on port ${port}`,
        async () => {
          if (proc.hasExited) return 'exited';
          // ours, not another test's Icecast that took the port first: its location is our dir
          return (await statusOf(port)).includes(basename(dir)) ? 'up' : undefined;
        },
        { timeoutMs: 10_000, intervalMs: 100 },
      ).catch((err: Error) => err.message);
      if (answered === 'up') break;
      const why = `${answered}\n${proc.log()}\n${await errorLog()}`;
      await proc.stop();
      if (attempt >= 3) throw new Error(`Icecast did not start: ${why}`);
    }
  } catch (err) {
    await cleanup();
    throw err;
  }

  const url = (mount: string) => `http://127.0.0.1:${port}/${mount.replace(/^\/+/, '')}`;

  const addMount = async (mount: string, mountOptions: MountOptions): Promise<Feeder> => {
    const path = mount.replace(/^\/+/, '');
    const target = `icecast://source:${encodeURIComponent(opts.sourcePassword)}@127.0.0.1:${port}/${path}`;
    const args = feederArgs(target, { name: `Test ${path}`, ...mountOptions });
    let current: TrackedChild | undefined;

    const start = async () => {
      if (current && !current.hasExited) return;
      const proc = spawnTracked('ffmpeg', args);
      current = proc;
      feeders.add(proc);
      void proc.exited.then(() => feeders.delete(proc));
      await waitUntil(
        `mount ${url(path)} to carry audio`,
        async () => {
          if (proc.hasExited) throw new Error(`feeder exited: ${proc.log()}`);
          const r = await httpSample(url(path), 2048, 2000);
          return r.status === 200 && r.bytes >= 2048;
        },
        { timeoutMs: 15_000, intervalMs: 200 },
      ).catch(async (err: Error) => {
        await proc.stop();
        throw new Error(`${err.message}\nffmpeg: ${proc.log()}\nicecast: ${await errorLog()}`);
      });
    };

    const stop = async () => {
      const proc = current;
      current = undefined;
      if (proc) await proc.stop();
      // Icecast removes the mount when the source socket closes; wait until it is really gone.
      await waitUntil(
        `mount ${url(path)} to go away`,
        async () => (await httpSample(url(path), 1, 2000)).status !== 200,
        { timeoutMs: 10_000, intervalMs: 100 },
      );
    };

    await start();
    return { start, stop };
  };

  return {
    port,
    sourcePassword: opts.sourcePassword,
    url,
    addMount,
    async setTitle(mount: string, title: string) {
      const query = new URLSearchParams({
        mount: `/${mount.replace(/^\/+/, '')}`,
        mode: 'updinfo',
        song: title,
        charset: 'UTF-8',
      });
      const auth = Buffer.from(`admin:${opts.sourcePassword}`).toString('base64');
      const res = await fetch(`http://127.0.0.1:${port}/admin/metadata?${query}`, {
        headers: { authorization: `Basic ${auth}` },
      });
      const body = await res.text();
      if (!res.ok) throw new Error(`Icecast refused the title: HTTP ${res.status} ${body}`);
    },
    stop: cleanup,
  };
}
