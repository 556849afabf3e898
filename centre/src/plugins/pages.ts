import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import fastifyStatic from '@fastify/static';

const placeholder = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>一窗 区中心</title>
<body style="font-family:sans-serif;padding:3rem"><h1>一窗 OneWindow · 区级中心</h1><p>The district pages have not been built yet: run <code>npm run build -w centre</code>.</p></body></html>`;

/** The district pages (built from display-ui's district entry): /district/, /district/reports/, /district/waits/. */
export default fp(async function pages(app: FastifyInstance, opts: { dist: string }) {
  const index = join(opts.dist, 'index.html');
  const html = existsSync(index) ? readFileSync(index, 'utf8') : placeholder;
  if (existsSync(index)) await app.register(fastifyStatic, { root: opts.dist, prefix: '/district/', decorateReply: false, index: false, wildcard: false, cacheControl: true, maxAge: '1h' });
  app.get('/district', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/district/'));
  app.get('/district/*', { schema: { hide: true } }, async (req, reply) => {
    if (/\.[a-z0-9]{2,5}$/i.test(req.url.split('?')[0])) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'no such file' } });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-cache').send(html);
  });
  app.get('/', { schema: { hide: true } }, async (_req, reply) => reply.redirect('/district/'));
}, { name: 'pages' });
