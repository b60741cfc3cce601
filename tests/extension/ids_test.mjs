// extension/ids.json is the one place that names the extension for the native host: the Chromium
// id must be the one derived from manifest.json's "key", the Firefox id the manifest's gecko id, and
// the native host installer (native-host/src/install/extension_ids.h) must use the same values.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const ids = JSON.parse(read('extension/ids.json'));
const manifest = JSON.parse(read('extension/manifest.json'));

// Chromium: the first 32 hex digits of SHA-256(public key DER), digits 0-f mapped to letters a-p.
function chromiumIdOf(keyBase64) {
  const hex = createHash('sha256').update(Buffer.from(keyBase64, 'base64')).digest('hex').slice(0, 32);
  return [...hex].map((d) => String.fromCharCode('a'.charCodeAt(0) + parseInt(d, 16))).join('');
}

test('the Chromium id is derived from the manifest key', () => {
  assert.equal(chromiumIdOf(manifest.key), ids.chromium);
  assert.equal(ids.chromium_origin, `chrome-extension://${ids.chromium}/`);
});

test('the Firefox id is the manifest\'s gecko id', () => {
  assert.equal(manifest.browser_specific_settings.gecko.id, ids.firefox);
});

test('the native host installer names the same extension and host', () => {
  const header = read('native-host/src/install/extension_ids.h');
  const constant = (name) => new RegExp(`${name}\\s*=\\s*"([^"]*)"`).exec(header)?.[1];
  assert.equal(constant('kHostName'), ids.native_host);
  assert.equal(constant('kDefaultFirefoxExtensionId'), ids.firefox);
  assert.equal(constant('kDefaultChromiumExtensionId'), ids.chromium, 'extension_ids.h must carry the Chromium id of extension/ids.json');
});
