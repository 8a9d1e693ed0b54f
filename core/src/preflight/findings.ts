import { isAppError } from '../../contract';
import type {
  DestinationFinding,
  StreamUrlFinding,
  StreamUrlProblem,
} from '../../contract/preflight';
import type { StreamProbe } from '../recorder/probe-stream';
import type { DestinationTestResult } from '../transfer/test-connection';

const URL_REFUSED_CODES = new Set(['INVALID_URL', 'UNSUPPORTED_URL_SCHEME', 'VALIDATION_FAILED']);

/**
 * What the probe's error says is wrong, read from ffprobe's words (`Server returned 404 Not
 * Found`, `Connection refused`, `Failed to resolve hostname`) and the probe's own (a playlist that
 * `answered HTTP 404`, a stream that `did not answer within 10 s`). Anything else: unreadable.
 */
export function probeProblem(error: string): StreamUrlProblem {
  const status = /\b(?:Server returned|answered HTTP) ([1-5]\d\d)\b/.exec(error)?.[1];
  if (status) return { kind: 'http', status: Number(status), serverError: status.startsWith('5') };
  const range = /\bServer returned ([45])XX\b/i.exec(error)?.[1];
  if (range) return { kind: 'http', status: null, serverError: range === '5' };
  if (/connection refused|ECONNREFUSED/i.test(error)) return { kind: 'refused' };
  if (
    /failed to resolve hostname|name or service not known|name resolution|ENOTFOUND|EAI_AGAIN/i.test(
      error,
    )
  ) {
    return { kind: 'unknown-host' };
  }
  if (/did not answer within|timed out|ETIMEDOUT/i.test(error)) return { kind: 'timeout' };
  return { kind: 'unreadable' };
}

/** One stream URL's finding from what the probe answered, or from what it threw. */
export function streamUrlFinding(
  outcome: { probe: StreamProbe } | { thrown: unknown },
): StreamUrlFinding {
  if ('probe' in outcome) {
    if (outcome.probe.ok) return { ok: true };
    return { ok: false, problem: probeProblem(outcome.probe.error ?? '') };
  }
  const error = outcome.thrown;
  if (isAppError(error) && URL_REFUSED_CODES.has(error.code)) {
    return { ok: false, problem: { kind: 'invalid-url' } };
  }
  return {
    ok: false,
    problem: probeProblem(error instanceof Error ? error.message : String(error)),
  };
}

/** The destination's finding from its test (`where`: `host:port`). */
export function destinationFinding(
  where: string,
  outcome: { result: DestinationTestResult } | { thrown: unknown },
): DestinationFinding {
  if ('result' in outcome) {
    const { result } = outcome;
    if (result.ok) return { ok: true, where };
    return {
      ok: false,
      where,
      code: result.code ?? 'TRANSFER_FAILED',
      error: result.error ?? 'The destination test failed.',
    };
  }
  const error = outcome.thrown;
  return {
    ok: false,
    where,
    code: isAppError(error) ? error.code : 'TRANSFER_FAILED',
    error: error instanceof Error ? error.message : String(error),
  };
}
