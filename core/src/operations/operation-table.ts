import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import { AppError, isAppError } from '../../contract';
import type { AnswerOf, OperationSpec } from '../../contract/operation';

/**
 * An operation of the table: the contract's spec plus the handler that does the work, typed
 * against the spec's input and answer schemas. (`handler` is a method so that a table can hold
 * operations of different specs and contexts.)
 */
export interface Operation<Ctx, Spec extends OperationSpec = OperationSpec> {
  spec: Spec;
  handler(input: z.output<Spec['input']>, ctx: Ctx): Promise<AnswerOf<Spec>>;
}

/** Pairs a spec with its handler; a handler that answers another shape fails the type-check. */
export function implement<Ctx, Spec extends OperationSpec>(
  spec: Spec,
  handler: (input: z.output<Spec['input']>, ctx: Ctx) => Promise<AnswerOf<Spec>>,
): Operation<Ctx, Spec> {
  return { spec, handler };
}

/** The first issue of a zod error as `field: message` (`fallbackUrls.1: must be ...`). */
function firstIssue(error: z.ZodError): { field: string | undefined; message: string } {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  return { field, message: issue ? `${field ? `${field}: ` : ''}${issue.message}` : '' };
}

/** zod's first issue → a VALIDATION_FAILED error naming the field (`fallbackUrls.1`). */
export function validationError(error: z.ZodError): AppError {
  const { field, message } = firstIssue(error);
  return new AppError(
    'VALIDATION_FAILED',
    message || 'The input is not valid.',
    field ? { field } : undefined,
  );
}

export interface OperationTableOptions {
  /**
   * Parse every answer with the operation's answer schema, and fail the call when it does not
   * fit (for tests). The types already make each handler answer its schema's shape; this also
   * catches what types cannot: extra fields (a secret leaking into a DTO), a value out of range,
   * a time that is not ISO-8601. Off by default: in production it would only cost time (a
   * backup is tens of megabytes).
   */
  checkAnswers?: boolean;
}

export class OperationTable<Ctx> {
  private readonly byName = new Map<string, Operation<Ctx>>();

  constructor(
    operations: readonly Operation<Ctx>[],
    private readonly options: OperationTableOptions = {},
  ) {
    for (const op of operations) {
      if (this.byName.has(op.spec.name))
        throw new Error(`operation ${op.spec.name} is defined twice`);
      this.byName.set(op.spec.name, op);
    }
  }

  list(): Operation<Ctx>[] {
    return [...this.byName.values()];
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  /** Validates `input` with the operation's schema, then runs it. Bad input changes nothing. */
  async invoke(name: string, input: unknown, ctx: Ctx): Promise<unknown> {
    const op = this.byName.get(name);
    if (!op) throw new AppError('NOT_FOUND', `There is no operation named ${name}.`);
    const parsed = op.spec.input.safeParse(input ?? {});
    if (!parsed.success) throw validationError(parsed.error);
    let answer: unknown;
    try {
      answer = await op.handler(parsed.data, ctx);
    } catch (error) {
      if (isAppError(error)) throw error;
      throw new AppError('INTERNAL', `${name} failed unexpectedly. See the log for details.`, {
        cause: error,
      });
    }
    if (this.options.checkAnswers) checkAnswer(op.spec, answer);
    return answer;
  }
}

/**
 * Throws when `answer` is not what the spec's answer schema describes, or when parsing it changes
 * it (an answer schema describes the JSON as sent: it must not transform or fill in defaults).
 */
export function checkAnswer(spec: OperationSpec, answer: unknown): void {
  const checked = spec.output.safeParse(answer);
  if (!checked.success) {
    throw new Error(
      `${spec.name} answered what its answer schema refuses: ${firstIssue(checked.error).message}`,
    );
  }
  if (!isDeepStrictEqual(checked.data, answer)) {
    throw new Error(`${spec.name}: its answer schema changes the answer it parses.`);
  }
}
