// What the sweep reads and how it removes, in real Chromium, over a jar with cookies of every kind
// (host-only and domain cookies of one name, other paths, secure and not, session and persistent,
// HttpOnly, CHIPS cookies of one name in two partitions and unpartitioned): the store is read in
// several smaller answers whose union is the jar, each cookie once; and each removal takes away
// exactly the one cookie it names, by an expired write of that cookie (Chromium's cookies.remove
// scans the whole jar on every call) or, where Chromium refuses that write, by cookies.remove,
// leaving every other cookie of its name as it was.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { launchWithExtension, waitForEnforcement } from './extension_browser.mjs';

const HOUR = 3600;
let browser;
let page;

// [name, value, domain, path, secure, session, extra]: `value` names each cookie uniquely.
const KINDS = [
  ['id', 'host-only', 'shop.example', '/', true, false],
  ['id', 'domain', '.shop.example', '/', true, false],
  ['id', 'cart-path', '.shop.example', '/cart', true, false],
  ['id', 'sub-host-only', 'www.shop.example', '/', false, true],
  ['id', 'insecure', '.news.example', '/', false, false],
  ['id', 'session', '.blog.example', '/', true, true],
  ['id', 'http-only', '.mail.example', '/', true, false, { httpOnly: true }],
  ['IDE', 'unpartitioned', '.ads.example', '/', true, false, { sameSite: 'None' }],
  ['IDE', 'partition-shop', '.ads.example', '/', true, false, { sameSite: 'None', partitionKey: 'https://shop.example' }],
  ['IDE', 'partition-news', '.ads.example', '/', true, true, { sameSite: 'None', partitionKey: 'https://news.example' }],
  ['lang', 'insecure-session', 'www.shop.example', '/', false, true],
];

const jar = () => page.evaluate(async () => (await chrome.cookies.getAll({ partitionKey: {} })).map((c) => c.value).sort());

before(async () => {
  browser = await launchWithExtension({ port: 9 });
  await waitForEnforcement(browser);
  page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('pages/options.html'));
  await page.evaluate(() => chrome.runtime.sendMessage({ what: 'setDefaults',
    defaults: { functional: 'allow', analytics: 'allow', social: 'allow', marketing: 'allow' } }));
  const expires = Math.floor(Date.now() / 1000) + HOUR;
  await browser.context.addCookies(KINDS.map(([name, value, domain, path, secure, session, extra]) => ({
    name, value, domain, path, secure, sameSite: 'Lax', ...(session ? {} : { expires }), ...extra })));
  assert.deepEqual(await jar(), KINDS.map((k) => k[1]).sort());
});
after(async () => { await browser?.close(); });

test('the store is read in several answers that list every cookie of the jar exactly once', async () => {
  const read = await page.evaluate(async () => {
    const answers = [];
    const getAll = chrome.cookies.getAll;
    chrome.cookies.getAll = async (filter) => {
      const answer = await getAll.call(chrome.cookies, filter);
      answers.push(answer.length);
      return answer;
    };
    try {
      const { everyStoredCookie } = await import('/js/cookie-stores.js');
      return { values: (await everyStoredCookie()).map((c) => c.value).sort(), answers };
    } finally {
      chrome.cookies.getAll = getAll;
    }
  });
  assert.deepEqual(read.values, KINDS.map((k) => k[1]).sort());
  assert.ok(read.answers.length >= 4, JSON.stringify(read.answers));
  assert.ok(Math.max(...read.answers) < KINDS.length, `one answer listed the whole jar: ${JSON.stringify(read.answers)}`);
});

// How each is removed: 'expired_overwrite' (the expired write), or 'explicit' (cookies.remove) where
// Chromium refuses that write: an insecure cookie whose name a secure cookie of its domain holds.
const REMOVALS = [['host-only', 'expired_overwrite'], ['cart-path', 'expired_overwrite'], ['insecure', 'expired_overwrite'],
  ['partition-shop', 'expired_overwrite'], ['unpartitioned', 'expired_overwrite'], ['session', 'expired_overwrite'],
  ['http-only', 'expired_overwrite'], ['sub-host-only', 'explicit'], ['insecure-session', 'expired_overwrite']];

test('each removal takes away exactly its cookie, by an expired write where Chromium takes one, and keeps every other one', async () => {
  for (const [value, cause] of REMOVALS) {
    const before_ = await jar();
    const outcome = await page.evaluate(async (v) => {
      const { removeCookie } = await import('/js/cookie-removal.js');
      const cookie = (await chrome.cookies.getAll({ partitionKey: {} })).find((c) => c.value === v);
      const causes = [];
      const listen = (change) => causes.push(`${change.cookie.value} ${change.removed} ${change.cause}`);
      chrome.cookies.onChanged.addListener(listen);
      const removed = await removeCookie(cookie);
      // The change event of that write may arrive after its answer.
      for (let waited = 0; !causes.length && waited < 10000; waited += 50) await new Promise((r) => setTimeout(r, 50));
      chrome.cookies.onChanged.removeListener(listen);
      return { removed, causes };
    }, value);
    assert.equal(outcome.removed, true, value);
    assert.deepEqual(await jar(), before_.filter((v) => v !== value), `removing ${value}`);
    assert.deepEqual(outcome.causes, [`${value} true ${cause}`], value);
  }
  assert.deepEqual(await jar(), ['domain', 'partition-news'].sort());
});
