/** A reason the server cannot start, worded for the operator; main prints it and exits 1. */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}
