import { existsSync } from 'node:fs';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { placeholderPage } from './placeholder-page';

/**
 * Where the Vue UI's build lands: `out/renderer` at the repository (or image) root, found from
 * the entry point's URL: `core/server/main.ts` (tsx) and `dist/server/main.js` (the bundle) both
 * sit two levels below it. RENDERER_DIR overrides.
 */
export function defaultRendererDir(entryUrl: string, env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.RENDERER_DIR?.trim();
  if (fromEnv) return resolve(fromEnv);
  return fileURLToPath(new URL('../../out/renderer', entryUrl));
}

export interface Renderer {
  /** True when the UI was built (index.html exists). */
  built: boolean;
  /** The page for a GET that matched no route outside /api: index.html or the placeholder. */
  page(reply: FastifyReply): FastifyReply | Promise<FastifyReply>;
}

/**
 * Whether a GET that matched nothing gets the SPA's page: any path outside /api that does not
 * name a file (`/assets/x.js` stays a 404 when missing).
 */
export function isPagePath(path: string): boolean {
  return extname(path.split('?')[0] ?? '') === '';
}

/**
 * Serves the built UI: each file of `dir` (hashed assets cached for a year, index.html always
 * revalidated), with the SPA fallback to index.html for other page paths. Without a build, a
 * small static page says that the server runs and the UI is not built.
 */
export async function registerRenderer(
  app: FastifyInstance,
  dir: string,
  version: string,
): Promise<Renderer> {
  const index = join(dir, 'index.html');
  const built = existsSync(index);
  const placeholder = (reply: FastifyReply) =>
    reply
      .code(200)
      .type('text/html; charset=utf-8')
      .header('Cache-Control', 'no-cache')
      .send(placeholderPage(version));
  if (!built) return { built, page: placeholder };
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    setHeaders(reply, path) {
      const immutable = /[\\/]assets[\\/]/.test(path) && !path.endsWith('.html');
      reply.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  return {
    built,
    // while the UI is rebuilt (its folder emptied first), the placeholder rather than a bare 404
    page: (reply) =>
      existsSync(index) ? reply.code(200).sendFile('index.html') : placeholder(reply),
  };
}
