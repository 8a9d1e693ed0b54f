// Test support for the HTTP host's unit tests: buildServer over a small fake operation table,
// with real credentials and logins (API key TEST_API_KEY, password TEST_PASSWORD), a clock the
// failure limits follow, and the settings a test chooses.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { operationAt } from '../contract/operation';
import type { Settings } from '../src/config/settings';
import { createEventBus } from '../src/events/event-bus';
import { implement, OperationTable } from '../src/operations/operation-table';
import { memoryLogger } from '../src/ports/logger';
import { createAuthService } from './auth/auth-service';
import { Credentials } from './auth/credentials';
import { DEFAULT_FAILURE_LIMITS } from './auth/failure-limiter';
import { LoginSessions } from './auth/login-sessions';
import { buildServer, type ServerCore } from './build-server';

export const TEST_API_KEY = 'test-api-key-0123456789';
export const TEST_PASSWORD = 'right password';

const specs = [
  operationAt('GET /api/health', 'health', {
    input: z.object({}),
    output: z.object({ status: z.literal('ok'), version: z.string() }),
    summary: '',
  }),
  operationAt('GET /api/things/:id', 'things.get', {
    input: z.object({ id: z.string().max(100, 'must be at most 100 characters') }),
    output: z.object({ id: z.string() }),
    summary: '',
  }),
  operationAt('POST /api/things', 'things.create', {
    input: z.object({ name: z.string() }),
    output: z.object({ name: z.string() }),
    http: { status: 201 },
    summary: '',
  }),
] as const;

export interface TestServer {
  app: FastifyInstance;
  logger: ReturnType<typeof memoryLogger>;
  /** The failure limits' clock (ms); move it to let delays pass. */
  clock: { now: number };
  /** `things.get` calls `entered` and waits for `wait`, when set (to hold a request open). */
  gate: { wait?: Promise<void>; entered?: () => void };
  close(): Promise<void>;
}

/** Builds (does not listen) a server with `settings` over the fake table. */
export async function startTestServer(
  settings: Partial<Pick<Settings, 'host' | 'trustProxy' | 'allowedHosts'>> = {},
): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), 'asr-test-server-'));
  const gate: TestServer['gate'] = {};
  const table = new OperationTable<unknown>([
    implement(specs[0], async () => ({ status: 'ok' as const, version: 't' })),
    implement(specs[1], async (input) => {
      gate.entered?.();
      await gate.wait;
      return { id: input.id };
    }),
    implement(specs[2], async (input) => ({ name: input.name })),
  ]);
  const logger = memoryLogger();
  const credentials = await Credentials.load({
    configDir: dir,
    apiKey: TEST_API_KEY,
    adminPassword: TEST_PASSWORD,
    announce: () => undefined,
    info: () => undefined,
  });
  const sessions = await LoginSessions.open({ load: async () => [], save: async () => undefined });
  const clock = { now: 0 };
  const core = {
    operations: table,
    context: { version: 't' },
    events: createEventBus(),
    logger,
    settings: {
      configDir: dir,
      host: '0.0.0.0',
      trustProxy: [],
      allowedHosts: [],
      ...settings,
    },
  } as unknown as ServerCore;
  const app = await buildServer(core, {
    rendererDir: join(dir, 'no-ui'),
    auth: createAuthService({
      credentials,
      sessions,
      secureCookies: false,
      failureLimits: { ...DEFAULT_FAILURE_LIMITS, now: () => clock.now },
    }),
  });
  await app.ready();
  return {
    app,
    logger,
    clock,
    gate,
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
