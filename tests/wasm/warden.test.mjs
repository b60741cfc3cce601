// Node tests of warden.wasm through its JS API (wasm/js/warden.js), on an engine buffer compiled
// natively from the shipped default rules + EasyList (marketing) + EasyPrivacy (analytics).
// Run by CTest (tests/wasm/suite.cmake), which sets:
//   WARDEN_WASM_DIST    the directory holding warden.js, warden.mjs, warden.wasm, status.js, enums.js
//   WARDEN_TEST_ENGINE  the compiled engine buffer
//   WARDEN_SHARED_DATA  the shared test data (requests.jsonl)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const DIST = process.env.WARDEN_WASM_DIST;
const ENGINE_FILE = process.env.WARDEN_TEST_ENGINE;
const SHARED_DATA = process.env.WARDEN_SHARED_DATA;
assert.ok(DIST && ENGINE_FILE && SHARED_DATA, 'WARDEN_WASM_DIST, WARDEN_TEST_ENGINE and WARDEN_SHARED_DATA must be set (see tests/wasm/suite.cmake)');

const { Warden, WardenError, Status } = await import(pathToFileURL(path.join(DIST, 'warden.js')).href);
const wasmBinary = fs.readFileSync(path.join(DIST, 'warden.wasm'));
const engineBytes = fs.readFileSync(ENGINE_FILE);

const NECESSARY_ONLY = {
  defaults: { functional: 'block', analytics: 'block', social: 'block', marketing: 'block' },
  unknown_third_party: 'block',
};
const SHOP = 'https://www.shop.example/cart';

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

async function loadEngine(policy = NECESSARY_ONLY) {
  const engine = await Warden.load({ wasmBinary, engineBytes });
  engine.setPolicy(policy);
  return engine;
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

test('a page sent once serves the requests after it: the same decisions as sending it every time', async () => {
  const lines = fs.readFileSync(path.join(SHARED_DATA, 'requests.jsonl'), 'utf8').split('\n').filter(Boolean).slice(0, 400);
  const requests = lines.map((l) => JSON.parse(l)).filter((r) => /^https?:/.test(r.url) && /^https?:/.test(r.frameUrl))
    .map((r, i) => ({ url: r.url, topUrl: r.frameUrl, frameUrl: i % 7 === 3 ? 'https://frame.example/ad' : r.frameUrl, type: 'script' }));
  const bursts = await loadEngine();
  const resent = await loadEngine();
  const other = { url: 'https://x.example/', topUrl: 'https://elsewhere.example/', type: 'image' };
  const decide = (engine, r) => { const d = engine.decideRequest(r); return `${d.action} ${d.category} ${d.rule}`; };
  let sameAsBefore = 0;
  for (let i = 0; i < requests.length; i++) {
    const r = requests[i];
    if (i > 0 && r.topUrl === requests[i - 1].topUrl && r.frameUrl === requests[i - 1].frameUrl) sameAsBefore++;
    resent.decideRequest(other); // another page in between: this engine is sent every page again
    assert.equal(decide(bursts, r), decide(resent, r), r.url);
  }
  assert.ok(sameAsBefore > requests.length / 2, `only ${sameAsBefore} requests reused their page`);
  // A failed request leaves nothing stale behind: the next one from a good page decides normally.
  assert.throws(() => bursts.decideRequest({ url: 'https://a.example/', topUrl: 'not a url' }), WardenError);
  assert.throws(() => bursts.decideRequest({ url: 'https://a.example/', topUrl: 'not a url' }), WardenError);
  assert.equal(bursts.decideRequest({ url: 'https://a.example/', topUrl: SHOP }).category, 'unknown');
  bursts.free();
  resent.free();
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

test('byte flips past the header (the CRC is not checked at load) never crash a decision', async () => {
  // Engine::load checks structure, not the CRC (snapshot.h), so a flipped byte inside a section can
  // load; every read is bounds-checked, so decisions may be wrong but must come back as a decision
  // or a status.
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const probes = fs.readFileSync(path.join(SHARED_DATA, 'requests.jsonl'), 'utf8').split('\n').slice(0, 150)
    .filter(Boolean).map((l) => JSON.parse(l)).filter((r) => /^https?:/.test(r.frameUrl));
  let loaded = 0;
  for (let variant = 0; variant < 12; variant++) {
    const bytes = Uint8Array.from(engineBytes);
    for (let i = 0; i < 64; i++) bytes[256 + Math.floor(random() * (bytes.length - 260))] ^= 1 + Math.floor(random() * 255);
    let engine;
    try {
      engine = await Warden.load({ wasmBinary, engineBytes: bytes });
    } catch (e) {
      assert.ok(e instanceof WardenError, String(e));
      continue;
    }
    loaded++;
    engine.setPolicy(NECESSARY_ONLY);
    for (const r of probes) {
      try {
        const d = engine.decideRequest({ url: r.url, topUrl: r.frameUrl, type: 'script' });
        assert.ok(['allow', 'block'].includes(d.action));
        engine.decideCookie({ name: '_ga', domain: '.' + new URL(r.frameUrl).hostname, topUrl: r.frameUrl });
      } catch (e) {
        assert.ok(e instanceof WardenError, String(e));
      }
    }
    engine.free();
  }
  assert.ok(loaded > 0, 'some corrupted buffers pass the structural checks, so decisions were exercised');
});

test('100k decisions do not grow linear memory (no per-decision allocation)', async () => {
  const engine = await loadEngine();
  const requests = fs.readFileSync(path.join(SHARED_DATA, 'requests.jsonl'), 'utf8')
    .split('\n').slice(0, 5000).filter(Boolean).map((l) => JSON.parse(l));
  const decideAll = (n) => {
    for (let i = 0; i < n; i++) {
      const r = requests[i % requests.length];
      try {
        engine.decideRequest({ url: r.url, topUrl: r.frameUrl, frameUrl: r.frameUrl, type: r.cpt === 'document' ? 'sub_frame' : r.cpt });
      } catch (e) {
        if (!(e instanceof WardenError)) throw e;
      }
      engine.decideCookie({ name: i % 2 ? '_ga' : 'sid', domain: '.shop.example', topUrl: SHOP });
    }
  };
  decideAll(2000);
  const before = engine.memory();
  decideAll(100000);
  const after = engine.memory();
  assert.equal(after.linearBytes, before.linearBytes);
  assert.equal(after.engineBytes, engineBytes.length);
  assert.ok(after.linearBytes >= engineBytes.length);
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
