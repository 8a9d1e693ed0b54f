import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { health } from '../../contract/operations/system';
import type { OperationSpec } from '../../contract/operation';
import { answerKind, type FileResult, type TextResult } from '../../contract/operations/common';
import type { ServerCore } from '../build-server';
import { bodyLimitOf, offThreadJsonOf } from './body-limits';
import { useRawBodies } from './body-parsers';
import { useOffThreadJson } from './json-off-thread';
import { sendFileResult } from './file-reply';
import { jsonStream } from './json-pieces';
import { mergeInput } from './merge-input';
import { readUploadedFile } from './multipart-file';

/** Operations anyone may call: only the container's health check (the contract). */
export const PUBLIC_OPERATIONS: ReadonlySet<string> = new Set([health.name]);

async function answer(
  request: FastifyRequest,
  reply: FastifyReply,
  spec: OperationSpec,
  output: unknown,
): Promise<FastifyReply> {
  const kind = answerKind(spec);
  if (kind === 'file') return sendFileResult(request, reply, output as FileResult);
  if (kind === 'text') {
    const { text, contentType } = output as TextResult;
    return reply.code(200).type(contentType).send(text);
  }
  const status = spec.http.status ?? 200;
  if (status === 204 || output === undefined) return reply.code(status).send();
  if (spec.http.largeAnswer) {
    return reply.code(status).type('application/json; charset=utf-8').send(jsonStream(output));
  }
  return reply.code(status).send(output);
}

function routeOf(core: ServerCore, spec: OperationSpec): RouteOptions {
  const { rawBody } = spec.http;
  return {
    method: spec.http.method,
    url: spec.http.path,
    bodyLimit: bodyLimitOf(spec),
    config: { public: PUBLIC_OPERATIONS.has(spec.name), operation: spec.name },
    handler: async (request, reply) => {
      const body =
        rawBody && request.isMultipart()
          ? await readUploadedFile(request, rawBody.contentTypes)
          : request.body;
      const input = mergeInput(spec, { params: request.params, query: request.query, body });
      const output = await core.operations.invoke(spec.name, input, core.context);
      return answer(request, reply, spec, output);
    },
  };
}

/**
 * One route per operation of the table (ARCHITECTURE rule 2): method and path from the
 * contract, one input object (params + query + JSON body, or the raw bytes), validated and run by
 * the table, answered with the contract's status; file answers are streamed, and so are large
 * JSON answers (a backup), in pieces. Raw-body routes get
 * a scope of their own that accepts only their content types (and multipart); routes with large
 * JSON bodies (a restore) one that parses them off the main thread.
 */
export async function registerOperationRoutes(
  app: FastifyInstance,
  core: ServerCore,
): Promise<void> {
  for (const { spec } of core.operations.list()) {
    const { rawBody } = spec.http;
    const offThread = offThreadJsonOf(spec);
    if (rawBody) {
      await app.register(async (scope) => {
        await useRawBodies(scope, rawBody);
        scope.route(routeOf(core, spec));
      });
    } else if (offThread) {
      await app.register(async (scope) => {
        useOffThreadJson(scope, offThread);
        scope.route(routeOf(core, spec));
      });
    } else {
      app.route(routeOf(core, spec));
    }
  }
}
