// Test-only: the AppError a promise rejects with, or its code.
import { expect } from 'vitest';
import { AppError } from '../contract';

/** The code of the AppError `p` rejects with (undefined when it resolves; fails on another error). */
export async function appErrorCode(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
    return undefined;
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return (e as AppError).code;
  }
}

/** The AppError `p` rejects with; fails when it resolves or rejects with another error. */
export async function appErrorOf(p: Promise<unknown>): Promise<AppError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}
