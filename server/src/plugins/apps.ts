import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

/** Where each built front-end is served, and which paths fall back to its index.html (api.md, Pages). */
export const APPS = [
  { name: 'kiosk-ui', prefix: '/kiosk/', spaPaths: ['/kiosk', '/track', '/book'] },
  { name: 'counter-ui', prefix: '/counter/', spaPaths: ['/counter'] },
  { name: 'display-ui', prefix: '/display/', spaPaths: ['/display'] },
] as const;

const placeholder = (name: string) => `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>OneWindow</title>
<body style="font-family:sans-serif;padding:3rem"><h1>一窗 OneWindow</h1><p>${name} has not been built yet: run <code>npm run build</code>.</p></body></html>`;

/** Serves the built UIs from their dist folders; client-side routes get the app's index.html. */
export default fp(async function apps(app: FastifyInstance, opts: { root: string }) {
  const indexes = new Map<string, string>();
  for (const a of APPS) {
    const dist = join(opts.root, a.name, 'dist');
    const index = join(dist, 'index.html');
    if (existsSync(index)) {
      await app.register(fastifyStatic, { root: dist, prefix: a.prefix, decorateReply: false, index: false, wildcard: false, cacheControl: true, maxAge: '1h' });
      indexes.set(a.name, readFileSync(index, 'utf8'));
    }
    const html = () => indexes.get(a.name) ?? placeholder(a.name);
    for (const p of a.spaPaths) {
      app.get(p, { schema: { hide: true } }, async (_req, reply) => reply.redirect(`${p}/`));
      app.get(`${p}/*`, { schema: { hide: true } }, async (req, reply) => {
        // Real files (assets) were matched by the static route; anything else is a client route.
        if (/\.[a-z0-9]{2,5}$/i.test(req.url.split('?')[0]) && !req.url.endsWith('.html')) {
          return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'no such file' } });
        }
        return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html());
      });
    }
  }
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/display/'));
}, { name: 'apps', fastify: '5.x' });
