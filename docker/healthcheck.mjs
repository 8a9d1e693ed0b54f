// The container's health check (no curl in the slim image): GET /api/health on the server's own
// port, over https when TLS_CERT_FILE is set (its certificate is not checked: this only asks
// whether the server answers). Exit 0 = healthy, 1 = unhealthy.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';

const port = Number(process.env.WEB_PORT || 8666);
const bound = (process.env.HOST || '').trim();
// a wildcard address is reached on loopback; a specific one only on itself
const host = ['', '0.0.0.0', '::', '[::]'].includes(bound)
  ? '127.0.0.1'
  : bound.replace(/^\[|\]$/g, '');
const tls = Boolean(process.env.TLS_CERT_FILE?.trim());

const request = tls ? httpsRequest : httpRequest;
const req = request(
  { host, port, path: '/api/health', method: 'GET', timeout: 5000, rejectUnauthorized: false },
  (res) => {
    res.resume();
    const ok = res.statusCode === 200;
    if (!ok) console.error(`health: HTTP ${res.statusCode}`);
    process.exit(ok ? 0 : 1);
  },
);
req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
req.on('error', (err) => {
  console.error(`health: ${tls ? 'https' : 'http'}://${host}:${port}/api/health: ${err.message}`);
  process.exit(1);
});
req.end();
