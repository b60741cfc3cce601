// extension/js/settings.js: the stored policy and "chosen", the migration of settings stored or
// exported before the policy object (fixtures: tests/fixtures/policy/old), and imports.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { beforeEach, test } from 'node:test';
import { installChromeFake } from './chrome_fake.mjs';

const chrome = installChromeFake();
const s = await import('../../extension/js/settings.js');
const { freshPolicy } = await import('../../extension/js/policy.js');

const FIXTURES = new URL('../fixtures/policy/', import.meta.url);
const readJson = (path) => JSON.parse(readFileSync(new URL(path, FIXTURES), 'utf8'));
const migrations = readJson('migrations.json');
const oldFixtures = readdirSync(new URL('old', FIXTURES)).sort().map((name) => [name, readJson(`old/${name}`), migrations[name]]);

const areas = () => [chrome.storage.local.data, chrome.storage.session.data];
beforeEach(() => { for (const data of areas()) data.clear(); });

test('until the person chooses, the fresh policy (necessary only) applies', async () => {
  assert.deepEqual(await s.loadSettings(), { policy: freshPolicy(), chosen: false });
});

test('the policy and "chosen" are mirrored in session and local storage', async () => {
  const policy = { ...freshPolicy(), keep: ['bank.example'] };
  await s.saveSettings({ policy, chosen: true });
  for (const data of areas()) {
    assert.deepEqual(data.get('policy'), policy);
    assert.equal(data.get('chosen'), true);
  }
  chrome.storage.session.data.clear(); // a browser restart empties session storage
  assert.deepEqual(await s.loadSettings(), { policy, chosen: true });
});

// A browser's start, or a person who never chose, finds nothing in session storage: loading must not
// wait for one storage answer per area and key, one after the other.
test('the settings are read in one call to each area, both at once', async () => {
  const policy = { ...freshPolicy(), keep: ['bank.example'] };
  chrome.storage.local.data.set('policy', policy);
  chrome.storage.local.data.set('chosen', true);
  const { session, local } = chrome.storage;
  const gets = { session: session.get, local: local.get };
  let answer;
  const answered = new Promise((resolve) => { answer = resolve; });
  const asked = [];
  for (const [name, area] of Object.entries({ session, local })) {
    area.get = async (keys) => { asked.push([name, [keys].flat().sort()]); await answered; return gets[name](keys); };
  }
  try {
    const loading = s.loadSettings();
    await new Promise((r) => setTimeout(r, 20));
    assert.deepEqual(asked.sort(), [['local', ['chosen', 'policy', 'settings']], ['session', ['chosen', 'policy', 'settings']]],
      'both areas asked for every key before either answered');
    answer();
    assert.deepEqual(await loading, { policy, chosen: true });
    await s.saveSettings({ policy, chosen: true }); // after the mirror writes queued by the load
    assert.deepEqual(chrome.storage.session.data.get('policy'), policy, 'mirrored in session storage');
  } finally {
    Object.assign(session, { get: gets.session });
    Object.assign(local, { get: gets.local });
  }
});

test('every old fixture has its expected migration', () => {
  assert.ok(oldFixtures.length > 0);
  for (const [name, , expected] of oldFixtures) assert.ok(expected, name);
});

test('settings stored in the old shape become the policy on load, and the old key goes', async () => {
  for (const [name, old, expected] of oldFixtures.filter(([, , e]) => e.policy)) {
    for (const data of areas()) { data.clear(); data.set('settings', structuredClone(old)); }
    assert.deepEqual(await s.loadSettings(), expected, name);
    for (const data of areas()) {
      assert.deepEqual(data.get('policy'), expected.policy, name);
      assert.equal(data.get('chosen'), expected.chosen, name);
      assert.equal(data.has('settings'), false, `${name}: the old key is removed`);
    }
    assert.deepEqual(await s.loadSettings(), expected, `${name}: loads the same again`);
  }
});

test('old stored settings that do not check out stay where they are, and necessary only applies', async () => {
  const [name, old] = oldFixtures.find(([, , e]) => e.error);
  for (const data of areas()) data.set('settings', structuredClone(old));
  assert.deepEqual(await s.loadSettings(), { policy: freshPolicy(), chosen: false }, name);
  for (const data of areas()) {
    assert.deepEqual(data.get('settings'), old, 'nothing lost');
    assert.equal(data.has('policy'), false);
  }
});

test('a stored policy that does not check out is not used and not overwritten', async () => {
  const bad = { defaults: { necessary: 'block' } };
  for (const data of areas()) data.set('policy', bad);
  assert.deepEqual(await s.loadSettings(), { policy: freshPolicy(), chosen: false });
  assert.deepEqual(chrome.storage.local.data.get('policy'), bad);
});

test('old exports are imported as the policy they meant, or refused with a clear error', () => {
  for (const [name, old, expected] of oldFixtures) {
    const r = s.readImport(old);
    if (expected.error) {
      assert.equal(r.ok, false, name);
      assert.ok(r.error.includes(expected.error), `${name}: "${r.error}" should contain "${expected.error}"`);
    } else {
      assert.deepEqual(r, { ok: true, settings: expected }, name);
    }
  }
});

test('a policy import is a choice; unknown keys are refused, with no partial result', () => {
  const ok = s.readImport({ defaults: { analytics: 'allow' }, keep: ['bank.example'] });
  assert.deepEqual(ok, { ok: true, settings: {
    policy: { defaults: { analytics: 'allow' }, sites: {}, unknown_third_party: 'allow', keep: ['bank.example'] }, chosen: true } });
  const bad = s.readImport({ defaults: { analytics: 'allow' }, colour: 'red' });
  assert.deepEqual(bad, { ok: false, error: "unknown policy key 'colour' (the keys are defaults, sites, unknown_third_party, keep)" });
  assert.equal(s.readImport(null).ok, false);
});
