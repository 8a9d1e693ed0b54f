import type { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One action of the contract: its name, the schema of its input (validated by every host where
 * it receives input) and where the HTTP host exposes it. The headless server and the desktop
 * IPC bridge are generated from the list of these; nobody writes a handler twice.
 */
export interface OperationSpec<Name extends string = string, Input extends z.ZodType = z.ZodType> {
  name: Name;
  input: Input;
  http: {
    method: HttpMethod;
    /** Express-style path with `:params`; params, query (GET/DELETE) and JSON body are merged
     * into one input object before validation. */
    path: string;
    /** Success status: 200 unless said (201 create, 202 accepted, 204 delete). */
    status?: 200 | 201 | 202 | 204;
    /** The body is raw bytes (e.g. an image), handed to the handler as `body: Uint8Array`. */
    rawBody?: { maxBytes: number; contentTypes: readonly string[] };
    /**
     * The answer can be tens of megabytes (a backup with its covers): the host writes it in
     * pieces, giving the event loop turns in between, instead of as one string.
     */
    largeAnswer?: true;
  };
  /** A short sentence for docs and the API listing. */
  summary: string;
}

export function defineOperation<const Name extends string, Input extends z.ZodType>(
  spec: OperationSpec<Name, Input>,
): OperationSpec<Name, Input> {
  return spec;
}

/** A list answer: `{"items": [...], "total": N}`. */
export interface ListResult<T> {
  items: T[];
  total: number;
}
