import { z } from 'zod';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * One action of the contract: its name, the schema of its input (validated by every host where
 * it receives input), the schema of its answer and where the HTTP host exposes it. The headless
 * server and the desktop IPC bridge are generated from the list of these; nobody writes a
 * handler twice. The answer's schema is what handlers are typed against (implement()) and what
 * typed clients read answers as; operation tests parse every answer with it.
 */
export interface OperationSpec<
  Name extends string = string,
  Input extends z.ZodType = z.ZodType,
  Output extends z.ZodType = z.ZodType,
> {
  name: Name;
  input: Input;
  /**
   * The answer as sent (JSON), which handlers are typed against; parsing an answer must give it
   * back unchanged (no transforms). `noAnswer` for a 204; `fileAnswer` for an operation that
   * hands out a file ({filePath, contentType}), which the hosts stream instead.
   */
  output: Output;
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

export function defineOperation<
  const Name extends string,
  Input extends z.ZodType,
  Output extends z.ZodType,
>(spec: OperationSpec<Name, Input, Output>): OperationSpec<Name, Input, Output> {
  return spec;
}

/** A route as shared/spec/api.md writes it: the method, one blank, the path (`GET /api/system`). */
export type Route = `${HttpMethod} /${string}`;

/**
 * defineOperation for the operation at `route` (`'GET /api/sessions/:id'`): `name`, its input and
 * answer schemas and its sentence; `http` adds what else the HTTP host needs (a status other than
 * 200, rawBody, largeAnswer).
 */
export function operationAt<
  const Name extends string,
  Input extends z.ZodType,
  Output extends z.ZodType,
>(
  route: Route,
  name: Name,
  spec: {
    input: Input;
    output: Output;
    http?: Omit<OperationSpec['http'], 'method' | 'path'>;
    summary: string;
  },
): OperationSpec<Name, Input, Output> {
  const blank = route.indexOf(' ');
  const method = route.slice(0, blank) as HttpMethod;
  const path = route.slice(blank + 1);
  return defineOperation({
    name,
    input: spec.input,
    output: spec.output,
    http: { method, path, ...spec.http },
    summary: spec.summary,
  });
}

/** What an operation answers: the output of its answer schema. */
export type AnswerOf<Spec extends OperationSpec> = z.output<Spec['output']>;

/** The answer of an operation that answers nothing (204). */
export const noAnswer = z.void();

/** A list answer: `{"items": [...], "total": N}`. */
export function listOf<Item extends z.ZodType>(item: Item) {
  return z.strictObject({ items: z.array(item), total: z.number().int().nonnegative() });
}

/** A list answer: `{"items": [...], "total": N}`. */
export type ListResult<T> = z.output<ReturnType<typeof listOf<z.ZodType<T>>>>;

/** One operation of a stored resource (resourceOperations): its input and its sentence. */
export interface ResourceOperation<Input extends z.ZodType> {
  input: Input;
  summary: string;
}

/**
 * The five operations of a stored resource, by the contract's one convention: `<name>.list`
 * (GET `path`, a list of `dto`), `.get` (GET `path/:id`), `.create` (POST `path`, 201), `.update`
 * (PUT `path/:id`), each answering `dto`, and `.delete` (DELETE `path/:id`, 204, no answer).
 */
export function resourceOperations<
  const Name extends string,
  Dto extends z.ZodType,
  ListInput extends z.ZodType,
  GetInput extends z.ZodType,
  CreateInput extends z.ZodType,
  UpdateInput extends z.ZodType,
  DeleteInput extends z.ZodType,
>(
  name: Name,
  path: string,
  dto: Dto,
  ops: {
    list: ResourceOperation<ListInput>;
    get: ResourceOperation<GetInput>;
    create: ResourceOperation<CreateInput>;
    update: ResourceOperation<UpdateInput>;
    delete: ResourceOperation<DeleteInput>;
  },
) {
  const one = `${path}/:id`;
  const member = <const Key extends string, Input extends z.ZodType, Output extends z.ZodType>(
    key: Key,
    op: ResourceOperation<Input>,
    output: Output,
    http: OperationSpec['http'],
  ) => defineOperation({ ...op, name: `${name}.${key}` as const, output, http });
  return {
    list: member('list', ops.list, listOf(dto), { method: 'GET', path }),
    get: member('get', ops.get, dto, { method: 'GET', path: one }),
    create: member('create', ops.create, dto, { method: 'POST', path, status: 201 }),
    update: member('update', ops.update, dto, { method: 'PUT', path: one }),
    delete: member('delete', ops.delete, noAnswer, { method: 'DELETE', path: one, status: 204 }),
  };
}
