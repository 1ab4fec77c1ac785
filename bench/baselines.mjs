// Plain implementations of the three schemes for the same request: node:crypto (synchronous) and
// WebCrypto (asynchronous, as a browser has it). Written straight from the published algorithms.
import { SCHEMES, AK, SK, TIME_MS, NONCE, BODY } from './requests.mjs';

const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const query = (pairs) => pairs.map(([k, v]) => [enc(k), enc(v)]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k, v]) => `${k}=${v}`).join('&');
const iso = new Date(TIME_MS).toISOString().replace(/\.\d{3}Z$/, 'Z');
const xDate = iso.replace(/[-:]/g, '');
const day = xDate.slice(0, 8);
const date = iso.slice(0, 10);
const ts = String(Math.floor(TIME_MS / 1000));

function canonical(scheme, bodyHash) {
  const s = SCHEMES[scheme];
  const all = { host: s.host, ...s.headers };
  if (scheme === 'volcengine') Object.assign(all, { 'x-date': xDate, 'x-content-sha256': bodyHash });
  if (scheme === 'acs3') Object.assign(all, { 'x-acs-date': iso, 'x-acs-signature-nonce': NONCE, 'x-acs-content-sha256': bodyHash });
  const names = [...s.signedHeaders].sort();
  const lines = names.map((n) => `${n}:${scheme === 'tc3' ? all[n].trim().toLowerCase() : all[n].trim()}\n`).join('');
  const q = scheme === 'tc3' ? '' : query(s.query);
  return { request: `POST\n/\n${q}\n${lines}\n${names.join(';')}\n${bodyHash}`, signed: names.join(';') };
}

/** node:crypto implementations: return the Authorization header. */
export function nodeSigners(crypto) {
  const sha = (b) => crypto.createHash('sha256').update(b).digest('hex');
  const hmac = (k, m) => crypto.createHmac('sha256', k).update(m).digest();
  return {
    volcengine() {
      const c = canonical('volcengine', sha(BODY));
      const scope = `${day}/cn-north-1/live/request`;
      const sts = `HMAC-SHA256\n${xDate}\n${scope}\n${sha(c.request)}`;
      const key = hmac(hmac(hmac(hmac(SK, day), 'cn-north-1'), 'live'), 'request');
      return `HMAC-SHA256 Credential=${AK}/${scope}, SignedHeaders=${c.signed}, Signature=${hmac(key, sts).toString('hex')}`;
    },
    tc3() {
      const c = canonical('tc3', sha(BODY));
      const scope = `${date}/live/tc3_request`;
      const sts = `TC3-HMAC-SHA256\n${ts}\n${scope}\n${sha(c.request)}`;
      const key = hmac(hmac(hmac('TC3' + SK, date), 'live'), 'tc3_request');
      return `TC3-HMAC-SHA256 Credential=${AK}/${scope}, SignedHeaders=${c.signed}, Signature=${hmac(key, sts).toString('hex')}`;
    },
    acs3() {
      const c = canonical('acs3', sha(BODY));
      const sts = `ACS3-HMAC-SHA256\n${sha(c.request)}`;
      return `ACS3-HMAC-SHA256 Credential=${AK},SignedHeaders=${c.signed},Signature=${hmac(SK, sts).toString('hex')}`;
    },
  };
}

/** WebCrypto implementations (async): return the Authorization header. */
export function webCryptoSigners(subtle) {
  const te = new TextEncoder();
  const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
  const sha = async (s) => hex(await subtle.digest('SHA-256', te.encode(s)));
  const hmac = async (key, msg) => {
    const k = await subtle.importKey('raw', typeof key === 'string' ? te.encode(key) : key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    return subtle.sign('HMAC', k, te.encode(msg));
  };
  return {
    async volcengine() {
      const c = canonical('volcengine', await sha(BODY));
      const scope = `${day}/cn-north-1/live/request`;
      const sts = `HMAC-SHA256\n${xDate}\n${scope}\n${await sha(c.request)}`;
      const key = await hmac(await hmac(await hmac(await hmac(SK, day), 'cn-north-1'), 'live'), 'request');
      return `HMAC-SHA256 Credential=${AK}/${scope}, SignedHeaders=${c.signed}, Signature=${hex(await hmac(key, sts))}`;
    },
    async tc3() {
      const c = canonical('tc3', await sha(BODY));
      const scope = `${date}/live/tc3_request`;
      const sts = `TC3-HMAC-SHA256\n${ts}\n${scope}\n${await sha(c.request)}`;
      const key = await hmac(await hmac(await hmac('TC3' + SK, date), 'live'), 'tc3_request');
      return `TC3-HMAC-SHA256 Credential=${AK}/${scope}, SignedHeaders=${c.signed}, Signature=${hex(await hmac(key, sts))}`;
    },
    async acs3() {
      const c = canonical('acs3', await sha(BODY));
      const sts = `ACS3-HMAC-SHA256\n${await sha(c.request)}`;
      return `ACS3-HMAC-SHA256 Credential=${AK},SignedHeaders=${c.signed},Signature=${hex(await hmac(SK, sts))}`;
    },
  };
}
