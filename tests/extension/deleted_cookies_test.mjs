// extension/js/deleted-cookies.js: the one keeper of removed cookies for Undo ("Delete site data"
// and the sweep), in storage.session under undo ids: writes one after the other, bounded, and a
// keep the storage refused is reported.
import assert from 'node:assert/strict';
import { beforeEach, test } from 'node:test';
import { installChromeFake } from './chrome_fake.mjs';

const chrome = installChromeFake();
const setCalls = [];
chrome.cookies = { async set(details) { setCalls.push(details); return { ...details }; } };
const keeper = await import('../../extension/js/deleted-cookies.js');
const { takeRestored } = await import('../../extension/js/restoring-cookies.js');

const cookie = (name, domain = 'shop.example', extra = {}) => ({
  name, value: `v-${name}`, domain, hostOnly: !domain.startsWith('.'), path: '/', secure: true, httpOnly: false,
  sameSite: 'lax', session: false, expirationDate: Date.now() / 1000 + 3600, storeId: '0', ...extra,
});
// The index of kept removals, and how many characters of JSON everything kept takes.
const kept = async () => (await chrome.storage.session.get('removedCookies')).removedCookies ?? [];
const keptChars = () => [...chrome.storage.session.data].filter(([k]) => k.startsWith('removedCookies'))
  .reduce((sum, [, v]) => sum + JSON.stringify(v).length, 0);

beforeEach(async () => {
  chrome.storage.session.data.clear();
  setCalls.length = 0;
});

test('two removals kept at the same time are both kept, each under its own undo id', async () => {
  const [a, b] = await Promise.all([
    keeper.keepDeletedCookies({ kind: 'site', site: 'a.example' }, [cookie('x', 'a.example')]),
    keeper.keepDeletedCookies({ kind: 'sweep' }, [cookie('_ga', '.b.example'), cookie('_fbp', '.b.example')]),
  ]);
  assert.ok(a.id && b.id && a.id !== b.id);
  assert.deepEqual((await kept()).map((e) => [e.id, e.count]).sort(), [[a.id, 1], [b.id, 2]].sort());
});

test('Undo sets back exactly what one removal kept, every field cookies.set takes, and only once', async () => {
  const partitioned = cookie('chips', '.ads.example', { partitionKey: { topLevelSite: 'https://shop.example' }, sameSite: 'no_restriction' });
  const sweep = await keeper.keepDeletedCookies({ kind: 'sweep' }, [cookie('_ga', '.shop.example'), partitioned]);
  const other = await keeper.keepDeletedCookies({ kind: 'site', site: 'news.example' }, [cookie('n', 'news.example')]);
  const outcome = await keeper.restoreDeletedCookies(sweep.id);
  assert.deepEqual(outcome, { kept: 2, restored: 2, expired: 0, failed: 0 });
  assert.deepEqual(setCalls.map((d) => d.name), ['_ga', 'chips']);
  assert.deepEqual(setCalls[1], { url: 'https://ads.example/', name: 'chips', value: 'v-chips', path: '/', secure: true, httpOnly: false,
    storeId: '0', domain: '.ads.example', sameSite: 'no_restriction', expirationDate: partitioned.expirationDate,
    partitionKey: { topLevelSite: 'https://shop.example' } });
  assert.deepEqual((await kept()).map((e) => e.id), [other.id], 'the other removal stays kept');
  assert.equal((await keeper.restoreDeletedCookies(sweep.id)).kept, 0, 'a second Undo finds nothing');
  assert.equal([...chrome.storage.session.data.keys()].filter((k) => k.includes(sweep.id)).length, 0, 'nothing of it is left in storage');
});

test('the backstop lets each restored cookie through once', async () => {
  const { id } = await keeper.keepDeletedCookies({ kind: 'sweep' }, [cookie('_gid', '.shop.example')]);
  await keeper.restoreDeletedCookies(id);
  const landed = { name: '_gid', domain: '.shop.example', path: '/', storeId: '0' };
  assert.equal(takeRestored(landed), true);
  assert.equal(takeRestored(landed), false, 'the site writing it again is judged again');
});

test('an expired cookie is not set back', async () => {
  const { id } = await keeper.keepDeletedCookies({ kind: 'sweep' }, [cookie('old', 'shop.example', { expirationDate: 1 }), cookie('new')]);
  assert.deepEqual(await keeper.restoreDeletedCookies(id), { kept: 2, restored: 1, expired: 1, failed: 0 });
  assert.deepEqual(setCalls.map((d) => d.name), ['new']);
});

test('a site\'s newer deletion replaces its last one; the popup finds the newest', async () => {
  await keeper.keepDeletedCookies({ kind: 'site', site: 'shop.example' }, [cookie('a')]);
  const newer = await keeper.keepDeletedCookies({ kind: 'site', site: 'shop.example' }, [cookie('b'), cookie('c')]);
  await keeper.keepDeletedCookies({ kind: 'sweep' }, [cookie('_ga', '.shop.example')]);
  assert.deepEqual(await keeper.lastDeletionOf('shop.example'), { id: newer.id, at: (await kept())[0].at, count: 2 });
  assert.equal(await keeper.lastDeletionOf('other.example'), null);
  assert.equal((await kept()).length, 2);
});

test('bounded: the oldest removals go first, and one too big to keep is refused with a reason', async () => {
  const big = (n, tag) => Array.from({ length: n }, (_, i) => cookie(`${tag}${i}`, 'shop.example', { value: 'x'.repeat(1000) }));
  const first = await keeper.keepDeletedCookies({ kind: 'sweep' }, big(2000, 'a'));
  const second = await keeper.keepDeletedCookies({ kind: 'sweep' }, big(2000, 'b'));
  const third = await keeper.keepDeletedCookies({ kind: 'sweep' }, big(2000, 'c'));
  assert.ok(first.id && second.id && third.id);
  const ids = (await kept()).map((e) => e.id);
  assert.ok(!ids.includes(first.id) && ids.includes(third.id), 'the oldest was dropped for room');
  assert.ok(keptChars() <= keeper.MAX_KEPT_CHARS + JSON.stringify(await kept()).length, 'bounded');
  assert.equal([...chrome.storage.session.data.keys()].filter((k) => k.includes(first.id)).length, 0, 'the dropped removal\'s cookies are gone');
  const huge = await keeper.keepDeletedCookies({ kind: 'sweep' }, big(5000, 'd'));
  assert.equal(huge.id, null);
  assert.match(huge.error, /too many cookies to keep/);
  assert.ok((await kept()).some((e) => e.id === third.id), 'a refused keep loses nothing already kept');
});

test('storage refusing the write is reported, not taken for kept', async () => {
  const set = chrome.storage.session.set;
  chrome.storage.session.set = async () => { throw new Error('Session storage quota bytes exceeded.'); };
  try {
    const r = await keeper.keepDeletedCookies({ kind: 'site', site: 'shop.example' }, [cookie('a')]);
    assert.equal(r.id, null);
    assert.match(r.error, /refused/);
  } finally {
    chrome.storage.session.set = set;
  }
});

test('a sweep\'s thousands of cookies are stored in pages, never as one value, and come back whole', async () => {
  const many = Array.from({ length: 1200 }, (_, i) => cookie(`c${i}`, `.site${i}.example`));
  const { id } = await keeper.keepDeletedCookies({ kind: 'sweep' }, many);
  const pages = [...chrome.storage.session.data].filter(([k]) => k.startsWith(`removedCookies:${id}:`));
  assert.equal(pages.length, 5);
  assert.ok(pages.every(([, v]) => v.length <= 250));
  assert.deepEqual(await keeper.restoreDeletedCookies(id), { kept: 1200, restored: 1200, expired: 0, failed: 0 });
  assert.deepEqual(setCalls.map((d) => d.name), many.map((c) => c.name));
});

test('a page the storage refuses leaves nothing half-kept behind', async () => {
  const set = chrome.storage.session.set;
  let writes = 0;
  chrome.storage.session.set = async (items) => {
    if (++writes === 2) throw new Error('Session storage quota bytes exceeded.');
    return set(items);
  };
  try {
    const r = await keeper.keepDeletedCookies({ kind: 'sweep' }, Array.from({ length: 600 }, (_, i) => cookie(`c${i}`)));
    assert.equal(r.id, null);
    assert.deepEqual([...chrome.storage.session.data.keys()], []);
  } finally {
    chrome.storage.session.set = set;
  }
});

test('a sweep cancelled part way keeps for Undo only the cookies it removed, and its size shrinks with it', async () => {
  const many = Array.from({ length: 600 }, (_, i) => cookie(`c${i}`, `.site${i}.example`));
  const { id } = await keeper.keepDeletedCookies({ kind: 'sweep' }, many);
  const other = await keeper.keepDeletedCookies({ kind: 'site', site: 'news.example' }, [cookie('n', 'news.example')]);
  await keeper.keepFirst(id, 260);
  const entry = (await kept()).find((e) => e.id === id);
  assert.deepEqual([entry.count, entry.pages], [260, 2]);
  assert.equal(entry.chars + (await kept()).find((e) => e.id === other.id).chars, keptChars() - JSON.stringify(await kept()).length);
  assert.deepEqual(await keeper.restoreDeletedCookies(id), { kept: 260, restored: 260, expired: 0, failed: 0 });
  assert.deepEqual(setCalls.map((d) => d.name), many.slice(0, 260).map((c) => c.name));
  assert.deepEqual((await kept()).map((e) => e.id), [other.id]);
});

test('a sweep cancelled before it removed anything keeps nothing for Undo', async () => {
  const { id } = await keeper.keepDeletedCookies({ kind: 'sweep' }, [cookie('_ga', '.a.example'), cookie('_gid', '.a.example')]);
  await keeper.keepFirst(id, 0);
  assert.deepEqual(await kept(), []);
  assert.deepEqual([...chrome.storage.session.data.keys()].filter((k) => k.includes(id)), []);
});
