// native-host.js in Safari, whose overlay (browsers/safari.js) says native messaging does not reach
// the host: connectNative is never tried and an unpaired install is told to pair. Its own file, as
// the overlay is chosen once, when browser-overlay.js is first imported.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { installChromeFake } from './chrome_fake.mjs';

const chrome = installChromeFake();
chrome.runtime.getURL = (p) => `safari-web-extension://ABCD-1234/${p}`;
// A throwing connectNative would read as "no native messaging" too: count the calls instead.
let nativeConnects = 0;
chrome.runtime.connectNative = () => { nativeConnects += 1; throw new Error('connectNative was called in Safari'); };
const { askHost } = await import('../../extension/js/native-host.js');

test('in Safari, native messaging is not tried: an unpaired install is told to pair', async () => {
  await assert.rejects(askHost('hello'), (e) => e.code === 'not_installed' && /Options, App/.test(e.message));
  assert.equal(nativeConnects, 0);
});
