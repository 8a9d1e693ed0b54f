// Real receivers of alerts on loopback, for the alert tests: an HTTP webhook receiver that checks
// the HMAC itself (node:crypto), an ntfy-style server that checks each publish request against
// ntfy's documented API (https://docs.ntfy.sh/publish/), and an SMTP server (smtp-server) that
// keeps the messages it receives. Each listens on 127.0.0.1 on a port it picks, and can go down
// and come back on the same port (a receiver that is down for a while).
import { execFile } from 'node:child_process';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { listenOnLoopback } from './free-port';

const MAX_BODY_BYTES = 1024 * 1024;

/** A server on 127.0.0.1 that can stop (connections refused) and start again on its port. */
class LoopbackServer<S extends { close(callback: () => void): unknown }> {
  private server: S | undefined;
  port = 0;

  /**
   * `create` makes the server, `netOf` is the node:net server it listens with, `dropConnections`
   * ends the open connections when it stops (an HTTP server keeps idle ones open).
   */
  constructor(
    private readonly create: () => S,
    private readonly netOf: (server: S) => NetServer,
    private readonly dropConnections: (server: S) => void = () => undefined,
  ) {}

  async start(): Promise<void> {
    if (this.server) return;
    const server = this.create();
    this.port = await listenOnLoopback(this.netOf(server), this.port);
    this.server = server;
  }

  /** Closes the server and every connection: the port refuses connections until start(). */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    this.dropConnections(server);
    await closed;
  }

  get running(): boolean {
    return this.server !== undefined;
  }
}

/** An HTTP server on loopback that reads each request's body (up to MAX_BODY_BYTES) first. */
function loopbackHttp(
  handle: (req: IncomingMessage, body: Buffer, res: ServerResponse) => void,
): LoopbackServer<Server> {
  const create = () =>
    createServer((req, res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > MAX_BODY_BYTES) {
          res.writeHead(413).end();
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => handle(req, Buffer.concat(chunks), res));
    });
  return new LoopbackServer(
    create,
    (server) => server,
    (server) => server.closeAllConnections(),
  );
}

function answer(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

// ---------------------------------------------------------------------------------------------

export interface ReceivedWebhook {
  path: string;
  headers: IncomingMessage['headers'];
  /** The body exactly as received. */
  body: string;
  json: unknown;
  /** The X-Recorder-Signature matched an HMAC-SHA256 of the body with the secret. */
  signatureValid: boolean;
}

/**
 * A webhook receiver: checks `X-Recorder-Signature: sha256=<hex>` against its own HMAC-SHA256
 * of the exact body with `secret`; answers 204 when it matches (or `status` when set), 401 when
 * it does not. Keeps every request.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  /** Answer with this status instead (e.g. 500 to play a failing receiver). */
  status: number | undefined;
  private readonly http: LoopbackServer<Server>;

  private constructor(readonly secret: string) {
    this.http = loopbackHttp((req, body, res) => this.handle(req, body, res));
  }

  static async start(secret: string): Promise<WebhookReceiver> {
    const receiver = new WebhookReceiver(secret);
    await receiver.http.start();
    return receiver;
  }

  get url(): string {
    return `http://127.0.0.1:${this.http.port}/hooks/recorder`;
  }

  /** The requests whose signature was right. */
  get verified(): ReceivedWebhook[] {
    return this.received.filter((r) => r.signatureValid);
  }

  private handle(req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    const header = req.headers['x-recorder-signature'];
    const expected = `sha256=${createHmac('sha256', this.secret).update(raw).digest('hex')}`;
    const signatureValid =
      typeof header === 'string' &&
      header.length === expected.length &&
      timingSafeEqual(Buffer.from(header), Buffer.from(expected));
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      json = undefined;
    }
    this.received.push({
      path: req.url ?? '',
      headers: req.headers,
      body: raw.toString('utf8'),
      json,
      signatureValid,
    });
    if (req.method !== 'POST') return answer(res, 405, { error: 'POST only' });
    if (!signatureValid) return answer(res, 401, { error: 'bad signature' });
    if (this.status !== undefined) return answer(res, this.status, { error: 'told to fail' });
    res.writeHead(204).end();
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  /** Starts again on the same port. */
  restart(): Promise<void> {
    return this.http.start();
  }
}

// ---------------------------------------------------------------------------------------------

/** Decodes RFC 2047 encoded words (`=?UTF-8?B?…?=`, `=?UTF-8?Q?…?=`); other text stays. */
export function decodeEncodedWords(text: string): string {
  return text
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?[^?]+\?[BbQq]\?[^?]*\?=)/g, '$1')
    .replace(
      /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g,
      (_m, charset: string, enc: string, data: string) => {
        if (!/^utf-?8$/i.test(charset) && !/^us-ascii$/i.test(charset)) {
          throw new Error(`unexpected charset ${charset}`);
        }
        const bytes =
          enc.toUpperCase() === 'B'
            ? Buffer.from(data, 'base64')
            : qpBytes(data.replace(/_/g, ' '));
        return bytes.toString('utf8');
      },
    );
}

function qpBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

export interface NtfyMessage {
  topic: string;
  message: string;
  title: string | undefined;
  priority: number;
  tags: string[];
  click: string | undefined;
  authorization: string | undefined;
}

/** ntfy's priority names and numbers (https://docs.ntfy.sh/publish/#message-priority). */
const NTFY_PRIORITY: Record<string, number> = {
  '1': 1,
  min: 1,
  '2': 2,
  low: 2,
  '3': 3,
  default: 3,
  '4': 4,
  high: 4,
  '5': 5,
  max: 5,
  urgent: 5,
};
const TOPIC = /^[-_A-Za-z0-9]{1,64}$/;
/** ntfy keeps a message body up to 4096 bytes as the message (longer becomes an attachment). */
const NTFY_MESSAGE_LIMIT = 4096;

/**
 * An ntfy-style server checking each publish request against ntfy's documented HTTP API:
 * PUT/POST to `/<topic>` (topic: letters, digits, `-`, `_`, at most 64), the message as the
 * body (at most 4096 bytes, UTF-8), optional `Title` (RFC 2047 encoded words decoded), `Priority`
 * (1-5 or min/low/default/high/max/urgent), `Tags` (comma-separated), `Click` (a URL), and, when
 * the server has a token, `Authorization: Bearer <token>`. A request that breaks a rule is
 * answered 400 (401 for auth) with ntfy's error shape and kept in `rejected`.
 */
export class NtfyReceiver {
  readonly messages: NtfyMessage[] = [];
  readonly rejected: { path: string; error: string }[] = [];
  private readonly http: LoopbackServer<Server>;
  private seq = 0;

  private constructor(private readonly token: string | undefined) {
    this.http = loopbackHttp((req, body, res) => this.handle(req, body, res));
  }

  static async start(options: { token?: string } = {}): Promise<NtfyReceiver> {
    const receiver = new NtfyReceiver(options.token);
    await receiver.http.start();
    return receiver;
  }

  /** The server's base URL (a topic URL is `${baseUrl}/<topic>`). */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.http.port}`;
  }

  private handle(req: IncomingMessage, raw: Buffer, res: ServerResponse): void {
    const path = req.url ?? '';
    const refuse = (status: number, code: number, error: string) => {
      this.rejected.push({ path, error });
      answer(res, status, { code, http: status, error });
    };
    if (req.method !== 'POST' && req.method !== 'PUT')
      return refuse(405, 40500, 'method not allowed');
    const url = new URL(path, this.baseUrl);
    const topic = decodeURIComponent(url.pathname.slice(1));
    if (!TOPIC.test(topic)) return refuse(404, 40401, `not a topic: ${url.pathname}`);
    const authorization = header(req, 'authorization');
    if (this.token !== undefined && authorization !== `Bearer ${this.token}`) {
      return refuse(401, 40101, 'unauthorized');
    }
    if (raw.length > NTFY_MESSAGE_LIMIT)
      return refuse(400, 40000, 'message longer than 4096 bytes');
    const message = raw.toString('utf8');
    if (!Buffer.from(message, 'utf8').equals(raw)) return refuse(400, 40000, 'body is not UTF-8');
    const priorityText = header(req, 'priority') ?? header(req, 'x-priority');
    const priority = priorityText === undefined ? 3 : NTFY_PRIORITY[priorityText.toLowerCase()];
    if (priority === undefined) return refuse(400, 40007, `invalid priority ${priorityText}`);
    let title: string | undefined;
    try {
      const t = header(req, 'title') ?? header(req, 'x-title');
      title = t === undefined ? undefined : decodeEncodedWords(t);
    } catch (error) {
      return refuse(400, 40000, `title: ${(error as Error).message}`);
    }
    const tagsText = header(req, 'tags') ?? header(req, 'x-tags');
    const tags = tagsText === undefined ? [] : tagsText.split(',').map((t) => t.trim());
    if (tags.some((t) => t === '')) return refuse(400, 40000, `empty tag in ${tagsText}`);
    const click = header(req, 'click') ?? header(req, 'x-click');
    if (click !== undefined && !URL.canParse(click))
      return refuse(400, 40000, `invalid click URL ${click}`);
    this.messages.push({ topic, message, title, priority, tags, click, authorization });
    answer(res, 200, {
      id: `msg${++this.seq}`,
      time: Math.floor(Date.now() / 1000),
      event: 'message',
      topic,
      title,
      message,
      priority,
      tags,
      click,
    });
  }

  stop(): Promise<void> {
    return this.http.stop();
  }

  restart(): Promise<void> {
    return this.http.start();
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

// ---------------------------------------------------------------------------------------------

export interface ReceivedMail {
  envelopeFrom: string | undefined;
  envelopeTo: string[];
  /** The user name the client logged in with, if it did. */
  user: string | undefined;
  /** True when the message came over TLS (implicit or after STARTTLS). */
  secure: boolean;
  /** Header names in lower case, values unfolded (not decoded). */
  headers: Map<string, string>;
  /** The Subject, RFC 2047 decoded. */
  subject: string;
  /** The text body, transfer encoding undone. */
  text: string;
  raw: string;
}

/** Splits a plain (single-part) message into headers and its decoded text body. */
export function parseMail(raw: string): Pick<ReceivedMail, 'headers' | 'subject' | 'text'> {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const type = headers.get('content-type') ?? 'text/plain';
  if (!/^text\/plain\b/i.test(type)) throw new Error(`expected a text/plain message, got ${type}`);
  const charset = /charset="?([^";]+)"?/i.exec(type)?.[1];
  if (charset && !/^utf-?8$|^us-ascii$/i.test(charset))
    throw new Error(`unexpected charset ${charset}`);
  const encoding = (headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  let text: string;
  if (encoding === 'quoted-printable') {
    text = qpBytes(body.replace(/=\r\n/g, '')).toString('utf8');
  } else if (encoding === 'base64') {
    text = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  } else {
    text = body;
  }
  return {
    headers,
    subject: decodeEncodedWords(headers.get('subject') ?? ''),
    text: text.replace(/\r\n/g, '\n'),
  };
}

export interface SmtpReceiverOptions {
  /** Accept only this user and password (AUTH PLAIN/LOGIN); without it, no login is asked. */
  auth?: { user: string; pass: string };
  /** A certificate: offers STARTTLS (or, with `implicitTls`, TLS from the start). */
  tls?: { key: string; cert: string };
  implicitTls?: boolean;
}

/** An SMTP server (smtp-server) on loopback that keeps what it receives. */
export class SmtpReceiver {
  readonly messages: ReceivedMail[] = [];
  private readonly smtp: LoopbackServer<SMTPServer>;

  private constructor(private readonly options: SmtpReceiverOptions) {
    this.smtp = new LoopbackServer(
      () => {
        const server = new SMTPServer(this.settings());
        server.on('error', () => undefined);
        return server;
      },
      (server) => server.server,
    );
  }

  get port(): number {
    return this.smtp.port;
  }

  static async start(options: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
    const receiver = new SmtpReceiver(options);
    await receiver.restart();
    return receiver;
  }

  /** Starts (again) on its port. */
  restart(): Promise<void> {
    return this.smtp.start();
  }

  stop(): Promise<void> {
    return this.smtp.stop();
  }

  private settings(): SMTPServerOptions {
    const { auth, tls, implicitTls } = this.options;
    return {
      secure: Boolean(tls && implicitTls),
      key: tls?.key,
      cert: tls?.cert,
      disabledCommands: tls ? [] : ['STARTTLS'],
      authOptional: !auth,
      // without a certificate the test logs in over plain SMTP (security "none")
      allowInsecureAuth: !tls,
      size: MAX_BODY_BYTES,
      logger: false,
      onAuth: (login, _session, callback) => {
        if (auth && login.username === auth.user && login.password === auth.pass) {
          callback(null, { user: login.username });
        } else {
          callback(new Error('Invalid username or password'));
        }
      },
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          try {
            this.messages.push({
              envelopeFrom: session.envelope.mailFrom
                ? session.envelope.mailFrom.address
                : undefined,
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              user: typeof session.user === 'string' ? session.user : undefined,
              secure: session.secure,
              raw,
              ...parseMail(raw),
            });
            callback();
          } catch (error) {
            callback(error as Error);
          }
        });
      },
    };
  }
}

/**
 * A self-signed certificate for 127.0.0.1 and localhost made by Debian's openssl: `cert` is also
 * the CA a client must trust.
 */
export async function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'alert-cert-'));
  try {
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ]);
    return {
      key: await readFile(join(dir, 'key.pem'), 'utf8'),
      cert: await readFile(join(dir, 'cert.pem'), 'utf8'),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
