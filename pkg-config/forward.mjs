// The forwarding server for browser consoles: `/forward/{host}/…` passes a request signed for one
// of the clouds' official API hosts through to that host unchanged (a browser cannot call the
// clouds directly: they answer no CORS). Only the official hosts can be reached; nothing of a
// request is stored or logged but its host, status and time. When it fails on its own it says
// whether the request reached the cloud: `x-liveops-forward: not-sent` (nothing was sent: safe to
// send again) or `sent` (the outcome is unknown).
import { createServer } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { request as httpRequest } from 'node:http';
import { officialHosts } from './liveops.node.mjs';

/** Request headers that belong to the browser's hop, not to the signed request. */
const DROPPED = new Set(['host', 'connection', 'content-length', 'origin', 'referer', 'cookie', 'accept-encoding',
  'transfer-encoding', 'keep-alive', 'upgrade', 'te', 'trailer', 'proxy-authorization', 'proxy-connection']);
/** Answer headers worth passing back. */
const KEPT = ['content-type', 'date', 'retry-after', 'x-acs-retry-after', 'x-request-id', 'x-acs-request-id', 'x-tc-requestid'];
const EXPOSED = 'Date, Retry-After, x-acs-retry-after, X-Request-Id, x-acs-request-id, X-Tc-Requestid, x-liveops-forward';
const MAX_BODY = 4 << 20;
/** The longest answer passed back (as the clients' default maxAnswerBytes): past it, 502 `sent`. */
const MAX_ANSWER = 8 << 20;
/** Connection errors that happen before a byte of the request left: nothing was sent. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Starts a forwarder. `allowOrigins`: the browser origins that may call it (empty: any).
 * `upstream` (tests only): a base URL that stands in for `https://{host}`.
 * @param {{ host?: string, port?: number, allowOrigins?: string[], upstream?: string, log?: (line: string) => void }} [options]
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export function startForwarder({ host = '127.0.0.1', port = 8788, allowOrigins = [], upstream = undefined, log = (_line) => {} } = {}) {
  const allowed = new Set(officialHosts());
  const originOk = (origin) => !origin || allowOrigins.length === 0 || allowOrigins.includes(origin);
  const cors = (req) => {
    const origin = req.headers.origin;
    if (!origin || !originOk(origin)) return {};
    return { 'access-control-allow-origin': allowOrigins.length ? origin : '*', vary: 'Origin', 'access-control-expose-headers': EXPOSED };
  };
  // One answer per request: an upstream that fails twice (the request, then its answer) must not
  // write a second one (that would throw and stop the process).
  const answer = (res, req, status, message, extra = {}) => {
    if (res.headersSent || res.writableEnded) return;
    res.writeHead(status, { 'content-type': 'application/json', ...cors(req), ...extra });
    res.end(JSON.stringify({ Message: message }));
  };

  const server = createServer((req, res) => {
    const started = Date.now();
    const url = new URL(req.url ?? '/', 'http://forwarder');
    const match = /^\/forward\/([^/]+)(\/.*)?$/.exec(url.pathname);
    if (req.headers.origin && !originOk(req.headers.origin)) return answer(res, req, 403, 'this origin may not use the forwarder');
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors(req), 'access-control-allow-methods': 'GET, POST, OPTIONS',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? 'authorization, content-type', 'access-control-max-age': '600' });
      return res.end();
    }
    if (!match) return answer(res, req, 404, 'forward requests to /forward/{official host}/…');
    const target = match[1];
    if (!allowed.has(target)) return answer(res, req, 403, 'only the official API hosts of Volcengine Live, Tencent Cloud Live and Alibaba Cloud ESA can be reached');
    const chunks = [];
    let size = 0;
    req.on('data', (c) => {
      size += c.length;
      if (size > MAX_BODY) { answer(res, req, 413, 'the body is too large', { connection: 'close' }); req.destroy(); return; }
      chunks.push(c);
    });
    req.on('end', () => {
      if (res.headersSent) return;
      const headers = {};
      for (const [name, value] of Object.entries(req.headers)) {
        if (DROPPED.has(name) || name.startsWith('sec-') || name.startsWith('access-control-')) continue;
        headers[name] = value;
      }
      headers.host = target;
      const base = new URL(upstream ?? `https://${target}`);
      const send = base.protocol === 'https:' ? httpsRequest : httpRequest;
      const body = Buffer.concat(chunks);
      headers['content-length'] = String(body.length);
      let sentBytes = false;
      const up = send({ protocol: base.protocol, hostname: base.hostname, port: base.port || undefined, method: req.method,
        path: (match[2] ?? '/') + url.search, headers, timeout: 30_000 }, (upRes) => {
        const back = { ...cors(req) };
        for (const k of KEPT) if (upRes.headers[k] !== undefined) back[k] = upRes.headers[k];
        const parts = [];
        let got = 0;
        upRes.on('data', (c) => {
          got += c.length;
          if (got > MAX_ANSWER) {
            // An answer that never ends costs at most MAX_ANSWER of memory here.
            upRes.destroy();
            answer(res, req, 502, 'the cloud\'s answer is longer than the forwarder passes on: the request may have been carried out', { 'x-liveops-forward': 'sent' });
            return;
          }
          parts.push(c);
        });
        upRes.on('end', () => {
          if (res.headersSent) return;
          res.writeHead(upRes.statusCode ?? 502, back);
          res.end(Buffer.concat(parts));
          log(`forward ${target} ${upRes.statusCode} ${Date.now() - started}ms`);
        });
        upRes.on('error', () => answer(res, req, 502, 'the cloud\'s answer broke off: the request may have been carried out', { 'x-liveops-forward': 'sent' }));
      });
      up.on('socket', (socket) => socket.once('connect', () => { sentBytes = true; }));
      up.on('timeout', () => up.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })));
      up.on('error', (/** @type {NodeJS.ErrnoException} */ e) => {
        if (res.headersSent) return;
        const notSent = !sentBytes && NOT_SENT.has(e.code ?? '');
        log(`forward ${target} ${notSent ? 502 : 504} ${e.code ?? 'error'}`);
        if (notSent) answer(res, req, 502, 'the cloud could not be reached; the request was not sent', { 'x-liveops-forward': 'not-sent' });
        else answer(res, req, 504, 'the request was sent to the cloud but no answer came: it may have been carried out', { 'x-liveops-forward': 'sent' });
      });
      up.end(body);
    });
  });
  server.headersTimeout = 5_000;
  server.requestTimeout = 15_000;
  server.maxConnections = 512;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const a = /** @type {import('node:net').AddressInfo} */ (server.address());
      resolve({ url: `http://${a.address}:${a.port}`, close: () => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }) });
    });
  });
}
