// What Safari asks of this MV3 extension, as far as it can be checked without a Mac: the manifest
// against the Safari versions in MDN's browser-compat data (@mdn/browser-compat-data 8.1.9, Safari
// column), for each feature the source really uses, and extension/README's Safari section naming every
// permission Safari lacks. Nothing here runs Safari.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { test } from 'node:test';

const read = (path) => readFileSync(new URL(`../../${path}`, import.meta.url), 'utf8');
const manifest = JSON.parse(read('extension/manifest.json'));
const source = readdirSync(new URL('../../extension/js/', import.meta.url), { recursive: true })
  .filter((f) => f.endsWith('.js')).map((f) => read(`extension/js/${f}`)).join('\n');
const readme = read('extension/README.md');
const safariSection = readme.slice(readme.indexOf('## Safari'), readme.indexOf('\n## ', readme.indexOf('## Safari') + 1));

// Feature → the first Safari with it (BCD 8.1.9), and how to see that the extension uses it.
const NEEDS = [
  { what: 'scripting.registerContentScripts', safari: '16.4', used: () => /scripting\.registerContentScripts\(/.test(source) },
  { what: 'registered content scripts in the MAIN world', safari: '18', used: () => /world: 'MAIN'/.test(source) },
  { what: 'content_scripts match_origin_as_fallback', safari: '18.4', used: () => manifest.content_scripts.some((c) => c.match_origin_as_fallback) },
  { what: 'content_scripts match_about_blank', safari: '18.4', used: () => manifest.content_scripts.some((c) => c.match_about_blank) },
  { what: 'DNR modifyHeaders on request headers', safari: '16.4', used: () => /requestHeaders: \[/.test(source) },
  { what: 'declarativeNetRequest.updateSessionRules', safari: '15.4', used: () => /updateSessionRules\(/.test(source) },
  { what: 'storage.session', safari: '16.4', used: () => /storage\.session|storage\[area\]/.test(source) },
  { what: 'module background service worker', safari: '16.4', used: () => manifest.background.type === 'module' },
  { what: 'host_permissions', safari: '15.4', used: () => Array.isArray(manifest.host_permissions) },
  { what: 'permission declarativeNetRequestWithHostAccess', safari: '16', used: () => manifest.permissions.includes('declarativeNetRequestWithHostAccess') },
];

// Every permission the manifest may ask for, and whether Safari has it (BCD 8.1.9).
const SAFARI_HAS = {
  declarativeNetRequest: true, declarativeNetRequestWithHostAccess: true, cookies: true, scripting: true, storage: true,
  tabs: true, webRequest: true, nativeMessaging: true,
  webRequestBlocking: false, browsingData: false, contextualIdentities: false,
};

const version = (text) => text.split('.').map(Number);
const atLeast = (a, b) => {
  const [x, y] = [version(a), version(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) > (y[i] ?? 0);
  return true;
};

test('the manifest asks for a Safari that has every feature the extension uses', () => {
  const minimum = manifest.browser_specific_settings?.safari?.strict_min_version;
  assert.match(minimum ?? '', /^\d+(\.\d+)*$/, 'browser_specific_settings.safari.strict_min_version');
  const used = NEEDS.filter((need) => need.used());
  assert.ok(used.length >= 8, `the features' use was not found in the source: ${NEEDS.filter((n) => !n.used()).map((n) => n.what).join(', ')}`);
  for (const need of used) assert.ok(atLeast(minimum, need.safari), `${need.what} needs Safari ${need.safari}, the manifest asks for ${minimum}`);
});

test('an MV3 background Safari loads: a module service worker, never persistent', () => {
  assert.equal(manifest.manifest_version, 3);
  assert.equal(typeof manifest.background.service_worker, 'string');
  assert.notEqual(manifest.background.persistent, true, 'Safari refuses a persistent MV3 background');
});

test('icons are PNG (Safari\'s toolbar takes no SVG before 16.4)', () => {
  for (const path of [...Object.values(manifest.icons), ...Object.values(manifest.action.default_icon)]) assert.match(path, /\.png$/);
});

test('every permission is known, and the README\'s Safari section names each one Safari lacks', () => {
  for (const permission of manifest.permissions) {
    assert.ok(permission in SAFARI_HAS, `${permission}: look up Safari's support and add it here (and to the README if missing)`);
    if (!SAFARI_HAS[permission]) assert.ok(safariSection.includes(`\`${permission}\``), `extension/README's Safari section does not name ${permission}`);
  }
});
