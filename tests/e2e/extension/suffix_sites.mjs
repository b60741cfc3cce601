// Sites under one private public suffix, for "Delete site data": carrd.co is a PSL entry (private
// section) and a site of its own, a.carrd.co and b.carrd.co are two separate sites under it, and
// embedder.example embeds their pages in iframes, so each gets a cookie partitioned under
// embedder.example. One HTTPS server answers for every name (Chromium maps them with
// --host-resolver-rules, Firefox reaches it through connect_proxy.mjs); the certificate is
// self-signed and the browsers accept it.
//   /write        sets the host's own cookie by HTTP (host-only) and shows a page
//   /partitioned  (in an iframe) sets a Partitioned cookie, SameSite=None
//   /embed?src=   embeds `src` in an iframe
//   /show         stores nothing: reading a site's state after a deletion cannot recreate it
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SUFFIX = 'carrd.co';
export const SITE_A = `a.${SUFFIX}`;
export const SITE_B = `b.${SUFFIX}`;
export const EMBEDDER = 'embedder.example';
const TAGS = { [SUFFIX]: 'root', [SITE_A]: 'a', [SITE_B]: 'b', [EMBEDDER]: 'embedder' };

// The cookie-name tag of a host: srv_a, js_a, chips_a, cont_a belong to a.carrd.co.
export const tagOf = (host) => TAGS[host];

// Self-signed, made per run; the browsers are told to accept it (sweep_sites.mjs uses it too).
export function selfSignedCertificate() {
  const dir = mkdtempSync(join(tmpdir(), 'cw-suffix-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', `/CN=${SUFFIX}`,
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const html = (title, body = '') => `<!doctype html><meta charset="utf-8"><title>${title}</title><h1>${title}</h1>${body}`;

export async function startSuffixSites() {
  const server = createServer(selfSignedCertificate(), (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const url = new URL(req.url, `https://${host}`);
    const tag = tagOf(host);
    const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (!tag) return res.writeHead(404, headers).end('unknown host');
    switch (url.pathname) {
      case '/write':
        res.writeHead(200, { ...headers, 'set-cookie': `srv_${tag}=1; Path=/; Max-Age=86400; Secure; SameSite=Lax` });
        return res.end(html(`write ${host}`));
      case '/partitioned':
        res.writeHead(200, { ...headers, 'set-cookie': `chips_${tag}=1; Path=/; Max-Age=86400; Secure; SameSite=None; Partitioned` });
        return res.end(html(`partitioned ${host}`));
      case '/embed':
        res.writeHead(200, headers);
        return res.end(html(`embed on ${host}`, `<iframe src="${url.searchParams.get('src')?.replace(/"/g, '') ?? ''}"></iframe>`));
      case '/show':
        res.writeHead(200, headers);
        return res.end(html(`show ${host}`));
      default:
        return res.writeHead(404, headers).end('not found');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
