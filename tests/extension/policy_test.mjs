// extension/js/policy.js against the policy fixtures the engine's doctest reads too
// (tests/fixtures/policy, tests/engine/policy_test.cpp), and the JSON schema
// (engine/policy.schema.json) against the same fixtures: three readers of one shape, agreeing.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';

const p = await import('../../extension/js/policy.js');
const FIXTURES = new URL('../fixtures/policy/', import.meta.url);
const readJson = (path) => JSON.parse(readFileSync(new URL(path, FIXTURES), 'utf8'));
const fixtures = (folder) => readdirSync(new URL(folder, FIXTURES)).sort().map((name) => [name, readJson(`${folder}/${name}`)]);
const validate = new Ajv2020({ allErrors: true }).compile(JSON.parse(readFileSync(new URL('../../engine/policy.schema.json', import.meta.url), 'utf8')));

test('the valid fixtures parse and decide as the engine decides', () => {
  const expectations = readJson('expectations.json');
  for (const [name, input] of fixtures('valid')) {
    const expected = expectations[name];
    assert.ok(expected, `${name} has its expectations`);
    const parsed = p.parsePolicy(input);
    assert.equal(parsed.ok, true, `${name}: ${parsed.error}`);
    for (const [site, category, action] of expected.actions) {
      assert.equal(p.actionFor(parsed.policy, site, category), action, `${name}: ${category} on ${site}`);
    }
    assert.deepEqual(parsed.policy.keep, expected.kept, name);
    assert.deepEqual(p.parsePolicy(parsed.policy), parsed, `${name}: the normalised policy is a fixed point`);
  }
});

test('the invalid fixtures are refused with the engine\'s message', () => {
  const errors = readJson('errors.json');
  for (const [name, input] of fixtures('invalid')) {
    assert.ok(errors[name], `${name} has its expected error`);
    const parsed = p.parsePolicy(input);
    assert.equal(parsed.ok, false, name);
    assert.ok(parsed.error.includes(errors[name]), `${name}: "${parsed.error}" should contain "${errors[name]}"`);
  }
});

test('the schema accepts exactly the fixtures the parsers accept', () => {
  for (const [name, input] of [...fixtures('valid'), ...Object.values(readJson('migrations.json')).filter((m) => m.policy).map((m, i) => [`migrated ${i}`, m.policy])]) {
    assert.equal(validate(input), true, `${name}: ${JSON.stringify(validate.errors)}`);
  }
  for (const [name, input] of [...fixtures('invalid'), ...fixtures('old')]) {
    assert.equal(validate(input), false, `${name} passed the schema`);
  }
});

test('the fresh policy is necessary only, and the schema accepts it', () => {
  const fresh = p.freshPolicy();
  assert.equal(validate(fresh), true);
  for (const c of ['functional', 'analytics', 'social', 'marketing']) assert.equal(p.actionFor(fresh, 'shop.example', c), 'block');
  assert.equal(p.actionFor(fresh, 'shop.example', 'necessary'), 'allow');
  assert.equal(p.actionFor(fresh, 'shop.example', 'unknown'), 'allow');
  assert.equal(p.guardPolicyId(fresh, null), 'p0000');
});

test('a site override wins over the default, for that site only, and names its guard policy', () => {
  const policy = { ...p.freshPolicy(), sites: { 'shop.example': { analytics: 'allow' } } };
  assert.equal(p.actionFor(policy, 'shop.example', 'analytics'), 'allow');
  assert.equal(p.actionFor(policy, 'news.example', 'analytics'), 'block');
  assert.equal(p.guardPolicyId(policy, 'shop.example'), 'p0100');
  assert.equal(p.guardPolicyId({ ...policy, defaults: { functional: 'allow' } }, null), 'p1111', 'missing categories are allowed');
});

test('site names are registrable-domain shaped', () => {
  for (const good of ['shop.example', 'xn--bcher-kva.example', 'a.co', 'x-1.example.org']) assert.equal(p.isSiteName(good), true, good);
  for (const bad of ['', 'localhost', 'Shop.example', '.shop.example', 'shop.example.', '-a.example', 'a.e', 'a..example', 'https://a.example', `${'a'.repeat(64)}.example`, 3]) {
    assert.equal(p.isSiteName(bad), false, String(bad));
  }
});
