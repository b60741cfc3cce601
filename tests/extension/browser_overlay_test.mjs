// extension/js/browser-overlay.js: the overlay of the browser the extension runs in, Safari's where
// the extension's pages are safari-web-extension: URLs, Firefox's where runtime.getBrowserInfo
// exists, else Chromium's, and all overlays answer the same names.
// What each one does in the real browser: the tests/e2e/extension tests of either browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installChromeFake } from './chrome_fake.mjs';

const overlayIn = async (fake) => {
  globalThis.chrome = fake;
  return (await import(`../../extension/js/browser-overlay.js?${Math.random()}`)).overlay;
};

test('Safari by its extension URLs, Firefox where getBrowserInfo exists, Chromium elsewhere', async () => {
  const chrome = installChromeFake();
  assert.equal((await overlayIn(chrome)).name, 'chromium');
  assert.equal((await overlayIn({ ...chrome, runtime: { ...chrome.runtime, getBrowserInfo: async () => ({ name: 'Firefox' }) } })).name, 'firefox');
  assert.equal((await overlayIn({ ...chrome, runtime: { ...chrome.runtime, getURL: (p) => `safari-web-extension://ABCD-1234/${p}` } })).name, 'safari');
});

test('all overlays answer the same names', async () => {
  const { chromium } = await import('../../extension/js/browsers/chromium.js');
  const { firefox } = await import('../../extension/js/browsers/firefox.js');
  const { safari } = await import('../../extension/js/browsers/safari.js');
  for (const other of [firefox, safari]) {
    assert.deepEqual(Object.keys(other).sort(), Object.keys(chromium).sort(), other.name);
    for (const key of Object.keys(chromium)) assert.equal(typeof other[key], typeof chromium[key], `${other.name}.${key}`);
  }
});

test('native messaging reaches the host in Chromium and Firefox, not in Safari', async () => {
  const { chromium } = await import('../../extension/js/browsers/chromium.js');
  const { firefox } = await import('../../extension/js/browsers/firefox.js');
  const { safari } = await import('../../extension/js/browsers/safari.js');
  assert.deepEqual([chromium, firefox, safari].map((o) => o.nativeMessaging), [true, true, false]);
});

test('site storage: Chromium clears origins of both schemes and Cache Storage, Firefox host names', async () => {
  const { chromium } = await import('../../extension/js/browsers/chromium.js');
  const { firefox } = await import('../../extension/js/browsers/firefox.js');
  assert.deepEqual(chromium.storageFilter(['shop.example']), { origins: ['https://shop.example', 'http://shop.example'] });
  assert.deepEqual(firefox.storageFilter(['shop.example']), { hostnames: ['shop.example'] });
  assert.ok(chromium.storageTypes.includes('cacheStorage'));
  assert.ok(!firefox.storageTypes.includes('cacheStorage'));
  assert.deepEqual(firefox.cookieQuery('firefox-container-1'), { storeId: 'firefox-container-1', partitionKey: {}, firstPartyDomain: null });
  assert.deepEqual(chromium.cookieQuery('0'), { storeId: '0', partitionKey: {} });
});
