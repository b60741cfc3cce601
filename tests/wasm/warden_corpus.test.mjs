// Node tests of warden.wasm that need the request set (requests.jsonl), which may not be
// redistributed and is not in the repository: CTest gives them WARDEN_CORPUS_DIR; without it this
// file says why and exits with 77, which CTest (SKIP_RETURN_CODE) reports as skipped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { engineBytes, loadEngine, NECESSARY_ONLY, SHOP, wasmBinary, Warden, WardenError } from './test_engine.mjs';

const CORPUS_DIR = process.env.WARDEN_CORPUS_DIR;
if (!CORPUS_DIR) {
  console.log('SKIPPED tests/wasm/warden_corpus.test.mjs: needs requests.jsonl, the request set, which may not be '
    + 'redistributed and is not in the repository; to run it, configure with WARDEN_CORPUS_DIR set to the folder '
    + 'holding it (.ci/run sets it)');
  process.exit(77);
}
const REQUESTS_FILE = path.join(CORPUS_DIR, 'requests.jsonl');
assert.ok(fs.existsSync(REQUESTS_FILE), `WARDEN_CORPUS_DIR=${CORPUS_DIR} has no requests.jsonl`);

test('a page sent once serves the requests after it: the same decisions as sending it every time', async () => {
  const lines = fs.readFileSync(REQUESTS_FILE, 'utf8').split('\n').filter(Boolean).slice(0, 400);
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

test('byte flips past the header (the CRC is not checked at load) never crash a decision', async () => {
  // Engine::load checks structure, not the CRC (snapshot.h), so a flipped byte inside a section can
  // load; every read is bounds-checked, so decisions may be wrong but must come back as a decision
  // or a status.
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
  const probes = fs.readFileSync(REQUESTS_FILE, 'utf8').split('\n').slice(0, 150)
    .filter(Boolean).map((l) => JSON.parse(l)).filter((r) => /^https?:/.test(r.frameUrl));
  // Most variants fail the structural checks (a flip in the public suffix list's blob is always
  // found): try up to 60 until 12 have loaded and decided.
  let loaded = 0;
  for (let variant = 0; variant < 60 && loaded < 12; variant++) {
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
  const requests = fs.readFileSync(REQUESTS_FILE, 'utf8')
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
