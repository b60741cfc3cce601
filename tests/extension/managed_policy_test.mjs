// extension/js/policy.js and the organisation's policy (storage.managed): parseManaged checks it
// like any policy, effectivePolicy merges it with the person's in the one place the background
// uses, and lockedChange names what a locked policy refuses to let the person change.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

const p = await import('../../extension/js/policy.js');

const ORG = { defaults: { functional: 'block', analytics: 'block', social: 'block', marketing: 'block' },
  sites: { 'shop.example': { marketing: 'allow' } }, keep: ['intranet.example'], locked: true };
const managed = (input) => {
  const parsed = p.parseManaged(input);
  assert.equal(parsed.ok, true, parsed.error);
  return parsed.managed;
};
const person = (over = {}) => ({ ...p.freshPolicy(), ...over });

test('a managed policy parses like a policy, keeps locked, and leaves out what it does not set', () => {
  const m = managed(ORG);
  assert.equal(m.locked, true);
  assert.equal('unknown_third_party' in m, false);
  assert.deepEqual(m.sites, ORG.sites);
  assert.equal(managed({ unknown_third_party: 'block' }).unknown_third_party, 'block');
  assert.equal(managed({}).locked, false);
});

test('a bad managed policy is refused with the policy\'s own messages', () => {
  assert.match(p.parseManaged({ locked: 'yes' }).error, /locked must be true or false/);
  assert.match(p.parseManaged({ defaults: { marketing: 'maybe' } }).error, /defaults.marketing must be "allow" or "block"/);
  assert.match(p.parseManaged({ sites: { 'not a site': {} } }).error, /not a site name/);
  assert.match(p.parseManaged({ colour: 'red' }).error, /unknown policy key 'colour'/);
  assert.match(p.parseManaged([]).error, /must be a JSON object/);
});

test('locked: the organisation wins, the person\'s overrides of its categories go, the rest stays', () => {
  const mine = person({ defaults: { functional: 'allow', analytics: 'allow', social: 'allow', marketing: 'allow' },
    sites: { 'shop.example': { marketing: 'block' }, 'news.example': { marketing: 'allow', unknown: 'block' } }, keep: ['bank.example'] });
  const policy = p.effectivePolicy(mine, true, managed(ORG));
  assert.deepEqual(policy.defaults, ORG.defaults);
  assert.deepEqual(policy.sites, { 'shop.example': { marketing: 'allow' }, 'news.example': { unknown: 'block' } });
  assert.equal(p.actionFor(policy, 'news.example', 'marketing'), 'block');
  assert.equal(p.actionFor(policy, 'shop.example', 'marketing'), 'allow');
  assert.deepEqual(policy.keep, ['bank.example', 'intranet.example']);
  assert.equal(policy.unknown_third_party, 'allow', 'not set by the organisation: the person\'s');
});

test('unlocked: the organisation\'s defaults apply until the person chooses; its site choices where the person set none', () => {
  const org = managed({ ...ORG, locked: false, unknown_third_party: 'block' });
  const mine = person({ defaults: { functional: 'allow', analytics: 'allow', social: 'allow', marketing: 'allow' }, sites: { 'shop.example': { marketing: 'block' } } });
  const before = p.effectivePolicy(mine, false, org);
  assert.deepEqual(before.defaults, ORG.defaults);
  assert.equal(before.unknown_third_party, 'block');
  assert.equal(p.actionFor(before, 'shop.example', 'marketing'), 'block', 'the person\'s own site choice');
  const after = p.effectivePolicy(mine, true, org);
  assert.deepEqual(after.defaults, mine.defaults);
  assert.equal(after.unknown_third_party, 'allow');
  assert.deepEqual(p.effectivePolicy(person(), true, org).sites, ORG.sites);
});

test('without a managed policy the person\'s policy applies unchanged', () => {
  const mine = person({ sites: { 'shop.example': { analytics: 'allow' } } });
  assert.equal(p.effectivePolicy(mine, true, null), mine);
});

test('lockedBy: what a locked organisation policy sets, on every site for its default categories', () => {
  const m = managed(ORG);
  assert.equal(p.lockedBy(m, null, 'marketing'), true);
  assert.equal(p.lockedBy(m, 'news.example', 'analytics'), true);
  assert.equal(p.lockedBy(m, 'shop.example', 'marketing'), true);
  assert.equal(p.lockedBy(m, null, 'unknown'), false);
  assert.equal(p.lockedBy(managed({ sites: { 'shop.example': { analytics: 'allow' } }, locked: true }), 'news.example', 'analytics'), false);
  assert.equal(p.lockedBy(managed({ ...ORG, locked: false }), null, 'marketing'), false);
  assert.equal(p.lockedBy(null, null, 'marketing'), false);
});

test('lockedChange refuses a change to what is locked and names it; other changes pass', () => {
  const m = managed({ defaults: { marketing: 'block' }, sites: { 'shop.example': { analytics: 'allow' } }, locked: true });
  const mine = person();
  assert.match(p.lockedChange(m, mine, { ...mine, defaults: { ...mine.defaults, marketing: 'allow' } }), /Set by your organisation.*the default for marketing/);
  assert.match(p.lockedChange(m, mine, { ...mine, sites: { 'news.example': { marketing: 'allow' } } }), /marketing on news\.example/);
  assert.match(p.lockedChange(m, mine, { ...mine, sites: { 'shop.example': { analytics: 'block' } } }), /analytics on shop\.example/);
  assert.equal(p.lockedChange(m, mine, { ...mine, sites: { 'news.example': { analytics: 'allow' } } }), null);
  assert.equal(p.lockedChange(m, mine, { ...mine, defaults: { ...mine.defaults, social: 'allow' } }), null);
  assert.equal(p.lockedChange({ ...m, locked: false }, mine, { ...mine, defaults: { ...mine.defaults, marketing: 'allow' } }), null);
});

test('lockedChange lets through what leaves a locked choice as the organisation set it', () => {
  const m = managed({ defaults: { marketing: 'allow' }, sites: { 'shop.example': { analytics: 'allow' } }, locked: true });
  const mine = person({ sites: { 'shop.example': { analytics: 'block', social: 'allow' } } });
  // The onboarding page and the options send back the actions in force, the organisation's among them.
  assert.equal(p.lockedChange(m, mine, { ...mine, defaults: { ...mine.defaults, marketing: 'allow', social: 'allow' } }), null);
  // Dropping the person's own override of a locked choice changes nothing that applies.
  assert.equal(p.lockedChange(m, mine, { ...mine, sites: { 'shop.example': { social: 'allow' } } }), null);
  assert.equal(p.lockedChange(m, mine, { ...mine, sites: {} }), null);
  assert.match(p.lockedChange(m, mine, { ...mine, sites: { 'shop.example': { analytics: 'block', marketing: 'block' } } }), /marketing on shop\.example$/);
});

test('the manifest\'s managed_schema declares every key of the policy, locked, and site maps', () => {
  const root = new URL('../../extension/', import.meta.url);
  const manifest = JSON.parse(readFileSync(new URL('manifest.json', root), 'utf8'));
  const schema = JSON.parse(readFileSync(new URL(manifest.storage.managed_schema, root), 'utf8'));
  const policySchema = JSON.parse(readFileSync(new URL('../engine/policy.schema.json', root), 'utf8'));
  assert.deepEqual(Object.keys(schema.properties).sort(), [...Object.keys(policySchema.properties), 'locked'].sort());
  const categories = Object.keys(policySchema.$defs.choices.properties).sort();
  assert.deepEqual(Object.keys(schema.properties.defaults.properties).sort(), categories.filter((c) => c !== 'unknown'));
  assert.deepEqual(Object.keys(schema.properties.sites.additionalProperties.properties).sort(), categories);
});
