// Worker: the baseline for the server's footprint: Node's own http server answering
// GET /api/sessions with the same bytes the app answered, and GET /api/health. No framework,
// no database, no engine: what Node alone costs.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { emit } from './protocol';

const { port, bodyFile } = JSON.parse(process.argv[2] ?? '{}') as {
  port: number;
  bodyFile: string;
};
const body = readFileSync(bodyFile);
const health = Buffer.from('{"status":"ok"}');

const server = createServer((req, res) => {
  const path = (req.url ?? '/').split('?')[0];
  const payload = path === '/api/sessions' ? body : path === '/api/health' ? health : undefined;
  if (!payload) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': payload.length,
  });
  res.end(payload);
});
server.keepAliveTimeout = 72_000;
server.listen(port, '127.0.0.1', () => emit('listening', { pid: process.pid }));
process.once('SIGTERM', () => server.close(() => process.exit(0)));
