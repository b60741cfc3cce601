// extension/js/browser-overlay.js: the overlay of the browser the extension runs in, Firefox's
// where runtime.getBrowserInfo exists, else Chromium's, and both overlays answer the same names.
// What each one does in the real browser: the tests/e2e/extension tests of either browser.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installChromeFake } from './chrome_fake.mjs';

const overlayIn = async (fake) => {
  globalThis.chrome = fake;
  return (await import(`../../extension/js/browser-overlay.js?${Math.random()}`)).overlay;
};

test('Firefox where getBrowserInfo exists, Chromium elsewhere', async () => {
  const chrome = installChromeFake();
  assert.equal((await overlayIn(chrome)).name, 'chromium');
  assert.equal((await overlayIn({ ...chrome, runtime: { ...chrome.runtime, getBrowserInfo: async () => ({ name: 'Firefox' }) } })).name, 'firefox');
});

test('both overlays answer the same names', async () => {
  const { chromium } = await import('../../extension/js/browsers/chromium.js');
  const { firefox } = await import('../../extension/js/browsers/firefox.js');
  assert.deepEqual(Object.keys(firefox).sort(), Object.keys(chromium).sort());
  for (const key of Object.keys(chromium)) assert.equal(typeof firefox[key], typeof chromium[key], key);
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
