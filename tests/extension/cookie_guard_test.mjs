// extension/content/cookie-guard.js in a V8 context with a minimal Document and CookieStore: the
// guard drops refused writes, hides refused cookies from reads, lets the rest through, and removes
// its policy globals. (The real-browser behaviour is covered by tests/e2e/extension.)
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import vm from 'node:vm';

const guardSource = readFileSync(new URL('../../extension/content/cookie-guard.js', import.meta.url), 'utf8');

const TABLE = { rules: [
  ['_ga', 0, '', 'analytics'], ['_ga_', 1, '', 'analytics'], ['_fbp', 0, '', 'marketing'],
  ['sessionid', 0, 'instagram.com', 'marketing'], ['__Host-', 1, '', 'necessary'], ['lang', 0, '', 'functional'],
] };

function pageWith(policy) {
  const context = vm.createContext({});
  vm.runInContext(`
    var jar = new Map();
    var events = [];
    class CustomEvent { constructor(type, init) { this.type = type; this.detail = init?.detail; } }
    class Document {
      addEventListener(type, fn) { (this.listeners ??= {})[type] = fn; }
      dispatchEvent(e) { events.push(e); if (this.listeners?.[e.type]) this.listeners[e.type](e); }
    }
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true, enumerable: true,
      get() { return [...jar].map(([k, v]) => k + '=' + v).join('; '); },
      set(text) { const pair = String(text).split(';')[0]; const eq = pair.indexOf('='); jar.set(pair.slice(0, eq).trim(), pair.slice(eq + 1)); },
    });
    class CookieStore {
      set(a, b) { const c = typeof a === 'string' ? { name: a, value: b } : a; jar.set(c.name, c.value); return Promise.resolve(); }
      get(name) { return Promise.resolve(jar.has(name) ? { name, value: jar.get(name) } : null); }
      getAll() { return Promise.resolve([...jar].map(([name, value]) => ({ name, value }))); }
    }
    var self = globalThis;
    var location = { hostname: 'www.shop.example' };
    var document = new Document();
    var cookieStore = new CookieStore();
  `, context);
  vm.runInContext(`self.__cwPolicy = ${JSON.stringify(policy)}; self.__cwCookieTable = ${JSON.stringify(TABLE)};`, context);
  vm.runInContext(guardSource, context);
  return context;
}

const NECESSARY_ONLY = { id: 'p0000', functional: false, analytics: false, social: false, marketing: false };
const run = (ctx, code) => vm.runInContext(code, ctx);

test('refused writes through document.cookie are dropped, others go through', () => {
  const page = pageWith(NECESSARY_ONLY);
  run(page, `document.cookie = '_ga=GA1.1.1; domain=shop.example; path=/';
             document.cookie = '_ga_ABC=GS1; path=/';
             document.cookie = 'cart=1; path=/';
             document.cookie = '__Host-id=2; path=/; secure';
             document.cookie = 'sessionid=3; path=/';`);
  assert.deepEqual([...run(page, 'jar.keys()')], ['cart', '__Host-id', 'sessionid'], 'sessionid is only marketing on instagram.com');
  run(page, `document.cookie = 'sessionid=4; domain=instagram.com'`);
  assert.equal(run(page, 'jar.get("sessionid")'), '3');
  const blocked = run(page, `self[Symbol.for('cookiewarden.guard.blocked')].map((b) => b.name).join(',')`);
  assert.equal(blocked, '_ga,_ga_ABC,sessionid');
});

test('allowed categories pass; necessary is never refused', () => {
  const page = pageWith({ id: 'p0100', functional: false, analytics: true, social: false, marketing: false });
  run(page, `document.cookie = '_ga=1'; document.cookie = '_fbp=2'; document.cookie = 'lang=en';`);
  assert.deepEqual([...run(page, 'jar.keys()')], ['_ga']);
});

test('reads hide refused cookies that reached the jar by another route (Set-Cookie)', async () => {
  const page = pageWith(NECESSARY_ONLY);
  run(page, `jar.set('_fbp', 'x'); jar.set('cart', '1'); jar.set('_ga', 'y');`);
  assert.equal(run(page, 'document.cookie'), 'cart=1');
  assert.equal(await run(page, `cookieStore.get('_fbp')`), null);
  assert.deepEqual([...(await run(page, 'cookieStore.getAll()')).map((c) => c.name)], ['cart']);
});

test('cookieStore.set of a refused cookie resolves without writing', async () => {
  const page = pageWith(NECESSARY_ONLY);
  await run(page, `cookieStore.set('_ga_X', 'v')`);
  await run(page, `cookieStore.set({ name: '_fbp', value: 'v', domain: 'shop.example' })`);
  await run(page, `cookieStore.set({ name: 'theme', value: 'dark' })`);
  assert.deepEqual([...run(page, 'jar.keys()')], ['theme']);
});

test('the policy and table globals are gone, and a second injection changes nothing', () => {
  const page = pageWith(NECESSARY_ONLY);
  assert.equal(run(page, `'__cwPolicy' in self || '__cwCookieTable' in self`), false);
  run(page, `self.__cwPolicy = ${JSON.stringify({ ...NECESSARY_ONLY, analytics: true })}; self.__cwCookieTable = ${JSON.stringify(TABLE)};`);
  vm.runInContext(guardSource, page);
  assert.equal(run(page, `'__cwPolicy' in self`), false);
  run(page, `document.cookie = '_ga=1'`);
  assert.equal(run(page, 'jar.has("_ga")'), false, 'the first guard stays in charge');
});

test('blocked writes are announced to the reporter, and replayed once when it says hello late', () => {
  const page = pageWith(NECESSARY_ONLY);
  run(page, `document.cookie = '_ga=1'; document.cookie = '_fbp=2';`);
  assert.deepEqual(JSON.parse(run(page, `JSON.stringify(events.map((e) => JSON.parse(e.detail)))`)),
    [[{ name: '_ga', how: 'document.cookie' }], [{ name: '_fbp', how: 'document.cookie' }]]);
  run(page, `events.length = 0; document.dispatchEvent(new CustomEvent('cookiewarden:guard-hello'));`);
  const replay = JSON.parse(run(page, `JSON.stringify(events.filter((e) => e.type === 'cookiewarden:guard-blocked').map((e) => JSON.parse(e.detail)))`));
  assert.deepEqual(replay, [[{ name: '_ga', how: 'document.cookie' }, { name: '_fbp', how: 'document.cookie' }]]);
});
