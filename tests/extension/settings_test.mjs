// extension/js/settings.js: defaults, per-site overrides, the engine policy and the guard policy ids,
// and validation of stored or imported settings.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installChromeFake } from './chrome_fake.mjs';

const chrome = installChromeFake();
const s = await import('../../extension/js/settings.js');

test('until the person chooses, necessary only applies', async () => {
  const settings = await s.loadSettings();
  assert.equal(settings.chosen, false);
  for (const c of ['functional', 'analytics', 'social', 'marketing']) assert.equal(s.actionFor(settings, 'shop.example', c), 'block');
  assert.equal(s.actionFor(settings, 'shop.example', 'necessary'), 'allow');
  assert.equal(s.guardPolicyId(settings, null), 'p0000');
});

test('chosen defaults apply even if stored defaults were more permissive before choosing', () => {
  const settings = { ...s.freshSettings(), defaults: { functional: 'allow', analytics: 'allow', social: 'block', marketing: 'block' } };
  assert.equal(s.actionFor(settings, 'a.example', 'analytics'), 'block', 'not chosen yet: necessary only');
  settings.chosen = true;
  assert.equal(s.actionFor(settings, 'a.example', 'analytics'), 'allow');
  assert.equal(s.guardPolicyId(settings, 'a.example'), 'p1100');
});

test('a site override wins over the default, for that site only', () => {
  const settings = { ...s.freshSettings(), chosen: true, sites: { 'shop.example': { analytics: 'allow' } } };
  assert.equal(s.actionFor(settings, 'shop.example', 'analytics'), 'allow');
  assert.equal(s.actionFor(settings, 'news.example', 'analytics'), 'block');
  assert.equal(s.guardPolicyId(settings, 'shop.example'), 'p0100');
  assert.deepEqual(s.toEnginePolicy(settings), {
    defaults: { necessary: 'allow', functional: 'block', analytics: 'block', social: 'block', marketing: 'block' },
    unknown_third_party: 'allow',
    sites: { 'shop.example': { analytics: 'allow' } },
  });
});

test('settings are mirrored in session and local storage', async () => {
  const settings = { ...s.freshSettings(), chosen: true };
  await s.saveSettings(settings);
  assert.equal(chrome.storage.local.data.get('settings').chosen, true);
  assert.equal(chrome.storage.session.data.get('settings').chosen, true);
  chrome.storage.session.data.clear(); // a browser restart empties session storage
  assert.equal((await s.loadSettings()).chosen, true);
});

test('imports are validated, with a clear error and no partial result', () => {
  const bad = [
    [null, /JSON object/],
    [{ defaults: { analytics: 'maybe' } }, /defaults/],
    [{ defaults: { necessary: 'block' } }, /defaults/],
    [{ sites: { 'not a site': { analytics: 'allow' } } }, /not a site name/],
    [{ sites: { 'shop.example': { ads: 'allow' } } }, /sites.shop.example/],
    [{ unknownThirdParty: 1 }, /unknownThirdParty/],
  ];
  for (const [input, message] of bad) {
    const r = s.validateSettings(input);
    assert.equal(r.ok, false, JSON.stringify(input));
    assert.match(r.error, message);
  }
  const ok = s.validateSettings({ defaults: { analytics: 'allow' }, sites: { 'xn--bcher-kva.example': { marketing: 'allow' }, 'empty.example': {} } });
  assert.equal(ok.ok, true);
  assert.equal(ok.settings.chosen, true, 'an import is a choice');
  assert.deepEqual(ok.settings.sites, { 'xn--bcher-kva.example': { marketing: 'allow' } });
  assert.equal(ok.settings.defaults.marketing, 'block', 'missing categories are refused');
});
