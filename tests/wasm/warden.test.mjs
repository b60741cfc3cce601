// Node tests of warden.wasm through its JS API (wasm/js/warden.js), on an engine buffer compiled
// natively from the shipped default rules + EasyList (marketing) + EasyPrivacy (analytics)
// (test_engine.mjs). The tests that need the request set are in warden_corpus.test.mjs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { engineBytes, loadEngine, NECESSARY_ONLY, SHOP, Status, wasmBinary, Warden, WardenError } from './test_engine.mjs';

// A small model of DNR matching for the rules compile_dnr emits (requestDomains, urlFilter
// "||host/path", initiatorDomains, excludedInitiatorDomains, domainType thirdParty): the action of
// the highest-priority matching block/allow rule (allow wins ties), or 'allow' when none matches.
function dnrVerdict(rules, url, initiator) {
  const u = new URL(url);
  const under = (host, domain) => host === domain || host.endsWith('.' + domain);
  const site = (h) => h.split('.').slice(-2).join('.');
  let best = null;
  for (const r of rules) {
    if (r.action.type !== 'block' && r.action.type !== 'allow') continue;
    const c = r.condition;
    if (c.requestDomains && !c.requestDomains.some((d) => under(u.hostname, d))) continue;
    if (c.excludedRequestDomains?.some((d) => under(u.hostname, d))) continue;
    if (c.urlFilter) {
      const [host, ...rest] = c.urlFilter.slice(2).split('/');
      if (!under(u.hostname, host) || !(u.pathname + u.search).startsWith('/' + rest.join('/'))) continue;
    }
    if (c.initiatorDomains && !c.initiatorDomains.some((d) => under(initiator, d))) continue;
    if (c.excludedInitiatorDomains?.some((d) => under(initiator, d))) continue;
    if (c.domainType === 'thirdParty' && site(u.hostname) === site(initiator)) continue;
    if (!best || r.priority > best.priority || (r.priority === best.priority && r.action.type === 'allow')) best = r;
  }
  return best ? best.action.type : 'allow';
}

test('init is one idempotent promise', async () => {
  const a = Warden.init({ wasmBinary });
  const b = Warden.init({ wasmBinary });
  assert.equal(a, b);
  const m = await a;
  assert.equal(typeof m._cw_decide_request, 'function');
});

// Runs before any other engine was loaded: WASM memory only grows, so later tests would see
// what earlier ones used.
test('memory(): the engine buffer plus a small working set', async () => {
  const engine = await loadEngine();
  const m = engine.memory();
  assert.equal(m.engineBytes, engineBytes.length);
  assert.ok(m.linearBytes % 65536 === 0);
  // Everything but the engine buffer (code data, stack, scratch) stays within 1 MiB.
  assert.ok(m.linearBytes <= engineBytes.length + 2 ** 20, `linear memory ${m.linearBytes}`);
  engine.free();
});

test('reCAPTCHA is necessary while Google Ads on the same host is marketing', async () => {
  const engine = await loadEngine();
  const recaptcha = engine.decideRequest({ url: 'https://www.google.com/recaptcha/api.js', topUrl: SHOP, type: 'script' });
  assert.equal(recaptcha.action, 'allow');
  assert.equal(recaptcha.category, 'necessary');
  assert.equal(recaptcha.vendor, 'Google reCAPTCHA');
  assert.equal(recaptcha.thirdParty, true);
  const pagead = engine.decideRequest({
    url: 'https://www.google.com/pagead/1p-user-list/123/?random=1', topUrl: SHOP, type: 'image',
  });
  assert.equal(pagead.action, 'block');
  assert.equal(pagead.category, 'marketing');
  assert.notEqual(pagead.rule, '');
  engine.free();
});

test('list rules classify by their list; first-party resources are necessary', async () => {
  const engine = await loadEngine({ defaults: { analytics: 'block', marketing: 'block' } });
  const ga = engine.decideRequest({ url: 'https://www.google-analytics.com/analytics.js', topUrl: SHOP, type: 'script' });
  assert.equal(ga.action, 'block');
  assert.equal(ga.category, 'analytics');
  const own = engine.decideRequest({ url: 'https://static.shop.example/app.js', topUrl: SHOP, type: 'script' });
  assert.deepEqual({ action: own.action, category: own.category, thirdParty: own.thirdParty },
    { action: 'allow', category: 'necessary', thirdParty: false });
  // unknown third party: allowed by this policy, blocked once unknown third parties are
  const cdn = { url: 'https://cdn.unknown-vendor.example/lib.js', topUrl: SHOP, type: 'script' };
  assert.deepEqual([engine.decideRequest(cdn).action, engine.decideRequest(cdn).category], ['allow', 'unknown']);
  engine.setPolicy(NECESSARY_ONLY);
  assert.equal(engine.decideRequest(cdn).action, 'block');
  engine.free();
});

test('cookies: _ga analytics, _fbp marketing, session cookies necessary', async () => {
  const engine = await loadEngine();
  const cookie = (name) => engine.decideCookie({ name, domain: '.shop.example', topUrl: SHOP, source: 'script' });
  for (const name of ['_ga', '_gid']) assert.deepEqual([cookie(name).category, cookie(name).action], ['analytics', 'block'], name);
  assert.deepEqual([cookie('_fbp').category, cookie('_fbp').action], ['marketing', 'block']);
  for (const name of ['PHPSESSID', 'csrftoken', '__Host-session'])
    assert.deepEqual([cookie(name).category, cookie(name).action], ['necessary', 'allow'], name);
  assert.equal(cookie('_ga').thirdParty, false);
  engine.free();
});

test('a per-site override allows analytics on that site only', async () => {
  const engine = await loadEngine({ ...NECESSARY_ONLY, sites: { 'shop.example': { analytics: 'allow' } } });
  const ga = (topUrl) => engine.decideCookie({ name: '_ga', domain: '.' + new URL(topUrl).hostname, topUrl });
  assert.equal(ga(SHOP).action, 'allow');
  assert.equal(ga('https://news.example/').action, 'block');
  const script = (topUrl) => engine.decideRequest({ url: 'https://www.google-analytics.com/analytics.js', topUrl, type: 'script' });
  assert.equal(script(SHOP).action, 'allow');
  assert.equal(script('https://news.example/').action, 'block');
  engine.free();
});

// siteOf is the engine's own site_of (public_suffix.h), private PSL section included: a host under
// a private suffix is a site of its own, and a host that is itself a suffix is only itself.
test('siteOf: the registrable domain by the whole PSL, or the host itself when it has none', async () => {
  const engine = await loadEngine();
  const cases = [
    ['www.shop.example', 'shop.example', 'example'],
    ['.Shop.Example', 'shop.example', 'example'],           // a domain cookie, any case
    ['www.shop.example:8443', 'shop.example', 'example'],
    ['news.bbc.co.uk.', 'bbc.co.uk', 'co.uk'],
    ['a.carrd.co', 'a.carrd.co', 'carrd.co'],               // private section: carrd.co is a suffix
    ['www.a.carrd.co', 'a.carrd.co', 'carrd.co'],
    ['carrd.co', 'carrd.co', 'carrd.co'],                   // itself a suffix: its own site
    ['bucket.s3.amazonaws.com', 'bucket.s3.amazonaws.com', 's3.amazonaws.com'],
    ['s3.amazonaws.com', 's3.amazonaws.com', 's3.amazonaws.com'],
    ['github.io', 'github.io', 'github.io'],
    ['localhost', 'localhost', 'localhost'],
    ['127.0.0.1', '127.0.0.1', ''],
  ];
  for (const [host, site, publicSuffix] of cases) assert.deepEqual(engine.siteOf(host), { site, publicSuffix }, host);
  for (const bad of ['', 'a b.example', 'a..example', 'bücher.example']) {
    assert.throws(() => engine.siteOf(bad), (e) => e instanceof WardenError && e.status === 'invalid_host', JSON.stringify(bad));
  }
  assert.throws(() => engine.siteOf(null), (e) => e instanceof WardenError && e.status === 'invalid_argument');
  engine.free();
  assert.throws(() => engine.siteOf('shop.example'), (e) => e instanceof WardenError && e.status === 'invalid_argument');
});

test('bad input is a WardenError with a status, and the engine keeps working', async () => {
  const engine = await loadEngine();
  const expectStatus = (fn, status) => assert.throws(fn, (e) => e instanceof WardenError && e.status === status, status);
  expectStatus(() => engine.decideRequest({ url: 'not a url', topUrl: SHOP, type: 'script' }), 'invalid_url');
  expectStatus(() => engine.decideRequest({ url: 'https://a.example/', topUrl: 'https://', type: 'script' }), 'invalid_url');
  expectStatus(() => engine.decideRequest({ url: 'https://a.example/', topUrl: SHOP, type: 'teapot' }), 'invalid_argument');
  expectStatus(() => engine.decideRequest({ url: 'https://a.example/', topUrl: SHOP, type: 'toString' }), 'invalid_argument');
  expectStatus(() => engine.decideRequest({ topUrl: SHOP }), 'invalid_argument');
  expectStatus(() => engine.decideRequest(null), 'invalid_argument');
  expectStatus(() => engine.decideCookie({ name: '_ga', domain: '.shop.example', topUrl: SHOP, source: 'carrier pigeon' }), 'invalid_argument');
  expectStatus(() => engine.decideCookie({ name: '_ga', domain: '.shop.example', topUrl: SHOP, source: 'toString' }), 'invalid_argument');
  expectStatus(() => engine.setPolicy({ defaults: { analytics: 'maybe' } }), 'invalid_policy');
  expectStatus(() => engine.setPolicy({ cookies: true }), 'invalid_policy');
  expectStatus(() => engine.compileDnr(NECESSARY_ONLY, { topDomains: true }), 'invalid_argument');
  // Non-ASCII and very long input cross the boundary intact.
  const long = 'https://a.example/' + 'x'.repeat(200000);
  assert.equal(engine.decideRequest({ url: long, topUrl: SHOP, type: 'image' }).action, 'block'); // unknown 3p
  assert.equal(engine.decideRequest({ url: 'https://a.example/€/ü', topUrl: SHOP }).category, 'unknown');
  assert.throws(() => engine.decideRequest({ url: 'https://bücher.example/', topUrl: SHOP }),
    (e) => e instanceof WardenError && ['invalid_url', 'invalid_host'].includes(e.status)); // hosts arrive as punycode
  // The failed policy did not replace the good one.
  assert.equal(engine.decideCookie({ name: '_ga', domain: '.shop.example', topUrl: SHOP }).action, 'block');
  engine.free();
  expectStatus(() => engine.decideRequest({ url: 'https://a.example/', topUrl: SHOP }), 'invalid_argument');
});

test('setPolicy takes the policy object as the extension stores it; a blocked necessary is refused with its message', async () => {
  const engine = await loadEngine();
  engine.setPolicy({ ...NECESSARY_ONLY, sites: { 'shop.example': { analytics: 'allow' } }, keep: ['shop.example'] });
  assert.equal(engine.decideCookie({ name: '_ga', domain: '.shop.example', topUrl: SHOP }).action, 'allow');
  assert.throws(() => engine.setPolicy({ defaults: { necessary: 'block' } }),
    (e) => e instanceof WardenError && e.status === 'invalid_policy' && /defaults\.necessary: necessary can never be blocked/.test(e.message));
  engine.free();
});

test('two engines in one module share the input buffer safely, and policies stay per engine', async () => {
  const a = await loadEngine();
  const b = await loadEngine({});
  const ga = { url: 'https://www.google-analytics.com/analytics.js', topUrl: SHOP, type: 'script' };
  assert.equal(b.decideRequest(ga).action, 'allow');
  // A grows the module's input buffer (the old address is freed); B must write to the new one.
  const long = 'https://tracker.example/' + 'q'.repeat(1000000); // larger than any earlier input
  assert.equal(a.decideRequest({ url: long, topUrl: SHOP, type: 'image' }).action, 'block');
  assert.deepEqual([b.decideRequest(ga).action, b.decideRequest(ga).category], ['allow', 'analytics']);
  assert.deepEqual([a.decideRequest(ga).action, a.decideRequest(ga).category], ['block', 'analytics']);
  a.free();
  assert.equal(b.decideRequest(ga).action, 'allow');
  b.free();
});

test('the module refuses "same page" from an engine that was never sent one', async () => {
  const m = await Warden.init({ wasmBinary });
  const ptr = m._cw_bytes_alloc(engineBytes.length);
  m.HEAPU8.set(engineBytes, ptr);
  assert.equal(m._cw_engine_create(ptr, engineBytes.length), Status.ok);
  const handle = m.HEAPU32[(m._cw_result() >>> 2) + 1];
  const url = new TextEncoder().encode('https://a.example/');
  m.HEAPU8.set(url, m._cw_input(url.length));
  assert.equal(m._cw_decide_request(handle, url.length, 0xFFFFFFFF, 0, 0), Status.invalid_argument);
  m._cw_engine_free(handle);
});

// The module holds one page per engine (its decision context): the page of the last decision,
// which a cookie write on another page replaces. A request from the earlier page must be decided
// on that page, not on the cookie's.
test('a request after a cookie write on another page is decided on its own page', async () => {
  const engine = await loadEngine({ ...NECESSARY_ONLY, sites: { 'shop.example': { analytics: 'allow' } } });
  const script = (topUrl) => engine.decideRequest({ url: 'https://www.google-analytics.com/analytics.js', topUrl, type: 'script' });
  assert.equal(script(SHOP).action, 'allow');
  assert.equal(engine.decideCookie({ name: '_ga', domain: '.news.example', topUrl: 'https://news.example/' }).action, 'block');
  assert.equal(script(SHOP).action, 'allow');
  assert.equal(script('https://news.example/').action, 'block');
  // A request the module refused before reading its page: the page is sent again, not assumed held.
  assert.throws(() => engine.decideRequest({ url: 'not a url', topUrl: SHOP, type: 'script' }), WardenError);
  assert.equal(script(SHOP).action, 'allow');
  engine.free();
});

test('a corrupted or truncated engine buffer is refused with a status, not a crash', async () => {
  const refused = async (bytes) => {
    await assert.rejects(Warden.load({ wasmBinary, engineBytes: bytes }), (e) => {
      assert.ok(e instanceof WardenError, String(e));
      assert.ok(['corrupt_buffer', 'version_mismatch'].includes(e.status), e.status);
      return true;
    });
  };
  await refused(new Uint8Array(0));
  await refused(engineBytes.subarray(0, 19));
  await refused(engineBytes.subarray(0, engineBytes.length >> 1));
  await refused(Uint8Array.from({ length: 4096 }, (_, i) => (i * 131) & 255));
  const versionBumped = Uint8Array.from(engineBytes);
  versionBumped[4] ^= 0xff;
  await refused(versionBumped);
  await assert.rejects(Warden.load({ wasmBinary, engineBytes: 'not bytes' }), (e) => e.status === 'invalid_argument');
  // After all that the module still loads a good engine.
  const engine = await loadEngine();
  assert.equal(engine.decideRequest({ url: 'https://www.google.com/recaptcha/api.js', topUrl: SHOP, type: 'script' }).category, 'necessary');
  engine.free();
});

test('DNR rules for a policy: shape, overrides and limits', async () => {
  const engine = await loadEngine();
  const policy = { ...NECESSARY_ONLY, sites: { 'shop.example': { analytics: 'allow' } } };
  const dnr = engine.compileDnr(policy, { firstRuleId: 10 });
  assert.equal(dnr.counts.rules, dnr.rules.length);
  const ids = new Set(dnr.rules.map((r) => r.id));
  assert.equal(ids.size, dnr.rules.length);
  assert.equal(Math.min(...ids), 10);
  for (const r of dnr.rules) {
    assert.ok(Number.isInteger(r.priority) && r.priority >= 1);
    assert.ok(['block', 'allow', 'modifyHeaders'].includes(r.action.type));
    // Only the rule for unclassified third parties names no host: it spares the known ones instead.
    const anyHost = r.action.type === 'block' && r.condition.domainType === 'thirdParty' && r.condition.excludedRequestDomains;
    assert.ok(r.condition.requestDomains?.length > 0 || typeof r.condition.urlFilter === 'string' || anyHost);
    assert.ok(!('topDomains' in r.condition));
  }
  const analyticsBlock = dnr.rules.find((r) => r.action.type === 'block' && r.condition.requestDomains?.includes('google-analytics.com'));
  assert.ok(analyticsBlock, 'a block rule lists google-analytics.com');
  assert.deepEqual(analyticsBlock.condition.excludedInitiatorDomains, ['shop.example']);
  // What the browser would do with these rules.
  const verdict = (url, initiator) => dnrVerdict(dnr.rules, url, initiator);
  assert.equal(verdict('https://www.google-analytics.com/analytics.js', 'news.example'), 'block');
  assert.equal(verdict('https://www.google-analytics.com/analytics.js', 'shop.example'), 'allow');
  assert.equal(verdict('https://www.google.com/recaptcha/api.js', 'news.example'), 'allow');
  assert.equal(verdict('https://securepubads.g.doubleclick.net/tag/js/gpt.js', 'shop.example'), 'block');
  // Unclassified third parties are blocked (this policy says so), first-party and known hosts are not.
  assert.equal(verdict('https://cdn.unknown-vendor.example/lib.js', 'shop.example'), 'block');
  assert.equal(verdict('https://static.shop.example/app.js', 'shop.example'), 'allow');
  assert.equal(verdict('https://js.hcaptcha.com/1/api.js', 'news.example'), 'allow');
  assert.equal(dnr.counts.byCategory.unknown.block, 1);
  const lenient = engine.compileDnr({ ...policy, unknown_third_party: 'allow' });
  assert.equal(dnrVerdict(lenient.rules, 'https://cdn.unknown-vendor.example/lib.js', 'shop.example'), 'allow');
  assert.ok(dnr.rules.some((r) => r.action.type === 'modifyHeaders' && r.action.responseHeaders[0].header === 'set-cookie'));
  assert.equal(dnr.counts.unsafe, dnr.rules.filter((r) => r.action.type === 'modifyHeaders').length);
  assert.equal(dnr.limits.chromium.fits, true);
  assert.equal(dnr.limits.firefox.fits, true);
  assert.ok(dnr.counts.byCategory.analytics.domains > 10000);
  // Everything allowed: nothing to block, and nothing to remove.
  assert.equal(engine.compileDnr({}).rules.filter((r) => r.action.type !== 'allow').length, 0);
  engine.free();
});

test('the generated status table matches the engine header', () => {
  assert.equal(Status.ok, 0);
  assert.equal(Status.invalid_url, 1);
  const header = fs.readFileSync(new URL('../../engine/include/warden/status.h', import.meta.url), 'utf8');
  const body = /enum class Status[^{]*\{([^}]*)\}/.exec(header)[1];
  const names = body.split(',').map((s) => s.replace(/\/\/.*$/gm, '').trim().split(/\s|=/)[0]).filter((s) => s && !s.startsWith('k'));
  assert.deepEqual(Object.keys(Status), names);
});

test('stored cookies: a vendor domain classifies them, unpartitioned ones follow their own site, partitioned ones their partition', async () => {
  const engine = await loadEngine({ defaults: { analytics: 'block', marketing: 'block' }, sites: { 'shop.example': { analytics: 'allow' } } });
  const ide = engine.decideStoredCookie({ name: 'unlisted', domain: '.doubleclick.net' });
  assert.deepEqual(ide, { action: 'block', category: 'marketing', thirdParty: false, vendor: 'Google Ads', rule: 'doubleclick.net' });
  assert.equal(engine.decideStoredCookie({ name: '_ga', domain: '.shop.example', path: '/' }).action, 'allow');
  assert.equal(engine.decideStoredCookie({ name: '_ga', domain: '.news.example' }).action, 'block');
  const partitioned = engine.decideStoredCookie({ name: '_ga', domain: '.widget.example', partitionKey: 'https://shop.example' });
  assert.equal(partitioned.action, 'allow');
  assert.equal(partitioned.thirdParty, true);
  assert.equal(engine.decideStoredCookie({ name: 'x', domain: 'www.google.com', path: '/recaptcha' }).vendor, 'Google reCAPTCHA');
  const expectStatus = (fn, status) => assert.throws(fn, (e) => e instanceof WardenError && e.status === status, status);
  expectStatus(() => engine.decideStoredCookie({ name: 'a', domain: 'bad host' }), 'invalid_host');
  expectStatus(() => engine.decideStoredCookie({ name: 'a', domain: 'shop.example', path: 'cart' }), 'invalid_argument');
  expectStatus(() => engine.decideStoredCookie({ name: 'a', domain: 'shop.example', partitionKey: '(https)' }), 'invalid_host');
  expectStatus(() => engine.decideStoredCookie({ domain: 'shop.example' }), 'invalid_argument');
  engine.free();
});

test('the rule that decided is rebuilt as written, the same string for the same rule, whatever came between', async () => {
  const engine = await loadEngine({ defaults: { marketing: 'block' } });
  const decide = (url) => engine.decideRequest({ url, topUrl: SHOP, type: 'script' }).rule;
  // `||host^` is stored as its host; an options tail is shared with other rules.
  assert.equal(decide('https://x.adpmbexo.com/a.js'), '||adpmbexo.com^');
  assert.equal(decide('https://152media.com/a.js'), '||152media.com^$third-party');
  assert.equal(decide('https://static.shop.example/app.js'), 'first-party');
  assert.equal(decide('https://cdn.unknown-vendor.example/lib.js'), '');
  assert.equal(decide('https://adpmbexo.com/b.js'), '||adpmbexo.com^');
  assert.equal(engine.decideCookie({ name: '_ga', domain: '.shop.example', topUrl: SHOP }).rule, 'cookie _ga');
  engine.free();
});
