import type { z } from 'zod';
import { AppError, isAppError } from '../../contract';
import type { OperationSpec } from '../../contract/operation';

/** An operation of the table: the contract's spec plus the handler that does the work. */
export interface Operation<Ctx, Spec extends OperationSpec = OperationSpec, Output = unknown> {
  spec: Spec;
  handler: (input: z.output<Spec['input']>, ctx: Ctx) => Promise<Output>;
}

export function implement<Ctx, Spec extends OperationSpec, Output>(
  spec: Spec,
  handler: (input: z.output<Spec['input']>, ctx: Ctx) => Promise<Output>,
): Operation<Ctx, Spec, Output> {
  return { spec, handler };
}

/** zod's first issue → a VALIDATION_FAILED error naming the field (`fallbackUrls.1`). */
export function validationError(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const field = issue?.path.map(String).join('.') || undefined;
  const message = issue
    ? `${field ? `${field}: ` : ''}${issue.message}`
    : 'The input is not valid.';
  return new AppError('VALIDATION_FAILED', message, field ? { field } : undefined);
}

export class OperationTable<Ctx> {
  private readonly byName = new Map<string, Operation<Ctx, OperationSpec, unknown>>();

  constructor(operations: readonly Operation<Ctx, OperationSpec, unknown>[]) {
    for (const op of operations) {
      if (this.byName.has(op.spec.name))
        throw new Error(`operation ${op.spec.name} is defined twice`);
      this.byName.set(op.spec.name, op);
    }
  }

  list(): Operation<Ctx, OperationSpec, unknown>[] {
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
    try {
      return await op.handler(parsed.data, ctx);
    } catch (error) {
      if (isAppError(error)) throw error;
      throw new AppError('INTERNAL', `${name} failed unexpectedly. See the log for details.`, {
        cause: error,
      });
    }
  }
}
