// An open-loop HTTP load generator: requests are sent at a fixed arrival rate whether or not
// earlier ones were answered (a closed loop would slow down with the server and hide queueing).
// Latency is measured from the moment a request was DUE, so time spent waiting for a free
// connection counts (no coordinated omission).
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { summarize, type Summary } from './stats';

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  /** Requests per second. */
  rate: number;
  /** Requests in all. */
  count: number;
  /** Loopback source addresses to spread the requests over (round robin). */
  localAddresses?: readonly string[];
  /** Keep-alive sockets per source address (default 16). */
  socketsPerAddress?: number;
  timeoutMs?: number;
}

export interface LoadResult {
  sent: number;
  ok: number;
  /** Answers other than 200, by status (0: connection error or timeout). */
  failures: Record<string, number>;
  /** Latency (ms) of the 200 answers, from the instant each was due. */
  latencyMs: Summary;
  /** 200 answers per second over the run (first due instant to last answer). */
  throughput: number;
  /** How far behind its schedule the generator sent (ms): a busy client shows here. */
  sendLagMs: Summary;
  durationMs: number;
}

/** The instant (ms from the start) at which request `i` is due at `rate` per second. */
export function dueAt(i: number, rate: number): number {
  return (i * 1000) / rate;
}

/**
 * Source addresses so that none sends more than `perAddress` requests: 127.0.0.2, .3, ...
 * (all of 127.0.0.0/8 is loopback on Linux).
 */
export function loopbackAddresses(requests: number, perAddress: number): string[] {
  const n = Math.max(1, Math.ceil(requests / perAddress));
  if (n > 250) throw new Error(`too many source addresses needed (${n})`);
  return Array.from({ length: n }, (_, i) => `127.0.0.${i + 2}`);
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = new Agent({
    keepAlive: true,
    maxSockets: options.socketsPerAddress ?? 16,
  });
  const addresses = options.localAddresses?.length ? options.localAddresses : [undefined];
  const latencies: number[] = [];
  const lags: number[] = [];
  const failures: Record<string, number> = {};
  const fail = (key: string) => {
    failures[key] = (failures[key] ?? 0) + 1;
  };
  let sent = 0;
  let finished = 0;
  let lastAnswer = 0;
  const start = performance.now() + 20;

  const fire = (i: number, due: number) => {
    lags.push(performance.now() - due);
    const req = request(
      options.url,
      {
        agent,
        headers: options.headers,
        localAddress: addresses[i % addresses.length],
        timeout: options.timeoutMs ?? 10_000,
      },
      (res) => {
        res.on('data', () => undefined);
        res.on('end', () => {
          const now = performance.now();
          if (res.statusCode === 200) {
            latencies.push(now - due);
            lastAnswer = now;
          } else fail(String(res.statusCode));
          finished++;
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', () => {
      fail('0');
      finished++;
    });
    req.end();
  };

  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (sent < options.count && start + dueAt(sent, options.rate) <= now) {
        fire(sent, start + dueAt(sent, options.rate));
        sent++;
      }
      if (sent < options.count) setTimeout(tick, 1);
      else resolve();
    };
    setTimeout(tick, 0);
  });
  const deadline = performance.now() + (options.timeoutMs ?? 10_000) + 1000;
  while (finished < sent && performance.now() < deadline) {
    await new Promise((r) => setTimeout(r, 5));
  }
  agent.destroy();
  const durationMs = Math.max(1, lastAnswer - start);
  return {
    sent,
    ok: latencies.length,
    failures,
    latencyMs: summarize(latencies),
    throughput: (latencies.length * 1000) / durationMs,
    sendLagMs: summarize(lags),
    durationMs,
  };
}
