// Test-only: the code of the AppError a promise rejects with.
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
