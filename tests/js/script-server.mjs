// A test server on 127.0.0.1 in front of the emulator: each request takes the next scripted
// answer (a cloud's real envelope, a delay, a cut connection) or, by default, passes through to
// the emulator, which checks the signature and answers as the cloud does. It records arrivals.
import { createServer, request as httpRequest } from 'node:http';

export async function scriptServer(upstream) {
  const queue = [];
  const arrivals = [];
  const target = new URL(upstream);

  function pass(req, body, res, after) {
    const headers = { ...req.headers, host: req.headers.host };
    const up = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (upRes) => {
      const chunks = [];
      upRes.on('data', (c) => chunks.push(c));
      upRes.on('end', () => {
        if (after === 'drop') {
          // The answer starts, then the connection breaks: the client cannot know the outcome.
          // (Cut before any byte, Chromium itself resends the request on a new connection.)
          res.writeHead(upRes.statusCode, upRes.headers);
          res.write(Buffer.concat(chunks).subarray(0, 5));
          return setTimeout(() => res.socket.destroy(), 20);
        }
        res.writeHead(upRes.statusCode, upRes.headers);
        res.end(Buffer.concat(chunks));
      });
    });
    up.on('error', () => res.socket.destroy());
    up.end(body);
  }

  // An answer whose body never ends (`endless`: 64 KiB chunks as fast as the client takes them)
  // or drips (`dripMs`: one byte per interval). Bounded either way: it stops at `maxBytes` (default
  // 64 MiB) or after 20 s, and when the client goes away; `streamed` records what was written.
  function stream(res, step) {
    res.writeHead(step.status ?? 200, { 'content-type': 'application/json', ...cors });
    const limit = step.maxBytes ?? 64 << 20;
    const until = Date.now() + 20_000;
    const record = { bytes: 0, closedByClient: false };
    streamed.push(record);
    res.on('close', () => { record.closedByClient = record.bytes < limit; });
    const chunk = Buffer.alloc(64 << 10, 0x20);
    res.write('{"Result": "');
    const pump = () => {
      if (res.destroyed || record.bytes >= limit || Date.now() > until) return res.end();
      if (step.dripMs) {
        res.write(' ');
        record.bytes += 1;
        return setTimeout(pump, step.dripMs);
      }
      record.bytes += chunk.length;
      if (res.write(chunk)) setImmediate(pump);
      else res.once('drain', pump);
    };
    pump();
  }
  const streamed = [];

  // Browser pages on other origins call this server too: answer preflights, expose the headers
  // the clients read. Preflights are neither recorded nor given a scripted answer.
  const cors = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'Date, Retry-After, x-acs-retry-after, x-liveops-forward, Location' };
  const server = createServer((req, res) => {
    if (req.method === 'OPTIONS') {
      res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, POST', 'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '*', 'access-control-max-age': '600' });
      return res.end();
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      arrivals.push({ at: Date.now(), method: req.method, url: req.url, headers: req.headers, body: body.toString() });
      // A step with `match` waits for a request whose URL or body holds that text (calls made
      // in parallel arrive in any order); the others are taken in order.
      const at = queue.findIndex((s) => !s.match || req.url.includes(s.match) || body.toString().includes(s.match));
      const step = at >= 0 ? queue.splice(at, 1)[0] : { pass: true };
      const act = () => {
        if (step.drop === 'before') return res.socket.destroy();
        if (step.pass || step.drop === 'after') return pass(req, body, res, step.drop === 'after' ? 'drop' : undefined);
        if (step.endless || step.dripMs) return stream(res, step);
        if (step.echo) {
          // A server whose error quotes the request it was sent (the body, verbatim).
          const fill = (v) => (typeof v === 'string' ? v.replace('{body}', body.toString())
            : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)])) : v);
          const quoted = fill(step.echo);
          res.writeHead(step.status ?? 400, { 'content-type': 'application/json', ...cors });
          return res.end(JSON.stringify(quoted));
        }
        const payload = typeof step.body === 'string' ? step.body : JSON.stringify(step.body ?? {});
        const type = step.contentType ?? 'application/json';
        res.writeHead(step.status ?? 200, { 'content-type': type, ...cors, ...(step.headers ?? {}) });
        res.end(payload);
      };
      if (step.delayMs) setTimeout(act, step.delayMs);
      else act();
    });
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    arrivals,
    streamed,
    /** Queues answers for the next requests. */
    script(...steps) {
      queue.push(...steps);
    },
    /** Scripted answers not yet used. */
    pending() {
      return queue.length;
    },
    close() {
      server.closeAllConnections?.();
      return new Promise((r) => server.close(r));
    },
  };
}

export { envelopes } from './envelopes.mjs';
