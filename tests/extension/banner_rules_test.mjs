// extension/js/banner-rules.js, banner-answers.js and banner-off-sites.js: the shipped cookie-banner
// rules validate against extension/schemas/cmp-rule.schema.json, each choice gets the step list it
// should, acceptAll never reaches a page where something is refused, a page's report is checked,
// and the per-site switch is bounded. The steps themselves run in real browsers:
// tests/e2e/extension/banner_answer.test.mjs and firefox_banner_answer.test.mjs.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Ajv2020 from 'ajv/dist/2020.js';
import { installChromeFake } from './chrome_fake.mjs';

const chrome = installChromeFake();
const EXTENSION = new URL('../../extension/', import.meta.url);
const readJson = async (path) => JSON.parse(readFileSync(new URL(path, EXTENSION), 'utf8'));
// The background reads the packaged files with fetch(chrome.runtime.getURL(path)).
globalThis.fetch = async (url) => ({ json: () => readJson(String(url).replace(chrome.runtime.getURL(''), '')) });

const { allowedOn, loadBannerRules, pageRule, planFor } = await import('../../extension/js/banner-rules.js');
const { bannerOutcome, bannerSetup } = await import('../../extension/js/banner-answers.js');
const { isBannerOff, MAX_SITES, setBannerOff } = await import('../../extension/js/banner-off-sites.js');
const { CHOOSABLE } = await import('../../extension/js/categories.js');
const { freshPolicy } = await import('../../extension/js/policy.js');

const schema = await readJson('schemas/cmp-rule.schema.json');
const validate = new Ajv2020({ allErrors: true }).compile(schema);
const index = await readJson('rules/cmp/index.json');
const shipped = await Promise.all(index.rules.map((file) => readJson(`rules/cmp/${file}`)));
const byId = Object.fromEntries(shipped.map((r) => [r.id, r]));

const NONE = Object.fromEntries(CHOOSABLE.map((c) => [c, false]));
const ALL = Object.fromEntries(CHOOSABLE.map((c) => [c, true]));
// Every choice but "everything allowed": the 15 of the 16 combinations.
const PARTIAL = Array.from({ length: 15 }, (_, bits) => Object.fromEntries(CHOOSABLE.map((c, i) => [c, Boolean(bits & (1 << i))])));

const clicksOf = (steps = []) => steps.flatMap((s) => [s.click, s.set, ...clicksOf(s.then), ...clicksOf(s.else)].filter(Boolean));

test('every rule the index lists validates against the schema, is named for its file and loads', async () => {
  assert.equal(index.version, 1);
  for (const [i, rule] of shipped.entries()) {
    assert.ok(validate(rule), `${index.rules[i]}: ${JSON.stringify(validate.errors)}`);
    assert.equal(`${rule.id}.json`, index.rules[i]);
  }
  assert.deepEqual((await loadBannerRules(readJson)).map((r) => r.id), shipped.map((r) => r.id));
});

test('the schema refuses a categories rule without choose, an unknown step and a set step without a value', () => {
  const { choose, ...noChoose } = byId.klaro;
  assert.ok(choose && !validate(noChoose));
  assert.ok(!validate({ ...byId.osano, rejectAll: [{ press: '.cc-deny' }] }));
  assert.ok(!validate({ ...byId.klaro, choose: [{ set: '#x' }] }));
  assert.ok(!validate({ ...byId.klaro, choose: [{ set: '#x', category: 'necessary' }] }), 'necessary is never a choice');
  assert.ok(!validate({ ...byId.osano, frames: true }), 'frames needs frameUrl');
});

test('necessary only rejects all; analytics only chooses (klaro) or denies and says so (all-or-nothing)', () => {
  assert.deepEqual(planFor(byId.klaro, NONE), { kind: 'rejectAll', steps: byId.klaro.rejectAll, allOrNothing: false });
  assert.deepEqual(planFor(byId.osano, NONE), { kind: 'rejectAll', steps: byId.osano.rejectAll, allOrNothing: false });
  const analytics = { ...NONE, analytics: true };
  assert.deepEqual(planFor(byId.klaro, analytics), { kind: 'choose', steps: byId.klaro.choose, allOrNothing: false });
  assert.deepEqual(planFor(byId.osano, analytics), { kind: 'rejectAll', steps: byId.osano.rejectAll, allOrNothing: true });
  assert.deepEqual(planFor(byId.osano, ALL), { kind: 'acceptAll', steps: byId.osano.acceptAll, allOrNothing: false });
  assert.equal(planFor(byId.klaro, ALL).kind, 'choose', 'no acceptAll steps: every purpose is set on');
});

test('acceptAll is never planned nor handed to a page unless every category is allowed', () => {
  const acceptor = { ...byId.klaro, acceptAll: [{ click: '#accept-everything' }] };
  for (const rule of [...shipped, acceptor]) {
    for (const allowed of PARTIAL) {
      const plan = planFor(rule, allowed);
      assert.notEqual(plan.kind, 'acceptAll', `${rule.id} ${JSON.stringify(allowed)}`);
      assert.ok(!JSON.stringify(pageRule(rule, allowed)).includes('#accept-everything'));
    }
  }
  assert.equal(planFor(acceptor, ALL).kind, 'acceptAll');
});

test('no shipped rule\'s rejectAll or choose steps click what its acceptControls name', () => {
  for (const rule of shipped) {
    const clicked = clicksOf([...rule.rejectAll, ...(rule.choose ?? [])]);
    for (const control of rule.acceptControls ?? []) assert.ok(!clicked.includes(control), `${rule.id} clicks ${control}`);
  }
});

test('a rule file that cannot be read or lacks what the runner needs is left out; the others load', async () => {
  const files = { 'rules/cmp/index.json': { version: 1, rules: ['a.json', 'b.json', 'c.json'] }, 'rules/cmp/a.json': byId.osano,
    'rules/cmp/b.json': { ...byId.klaro, detect: [] } };
  const warned = [];
  const warn = console.warn;
  console.warn = (m) => warned.push(m);
  try {
    const rules = await loadBannerRules(async (path) => { if (!files[path]) throw new Error('not found'); return files[path]; });
    assert.deepEqual(rules.map((r) => r.id), ['osano']);
  } finally {
    console.warn = warn;
  }
  assert.equal(warned.length, 2);
  assert.match(warned.join('\n'), /b\.json left out: detect is not a list/);
});

test('the site\'s overrides decide the choice; a frame gets only the rules that ask for it', async () => {
  const policy = { ...freshPolicy(), sites: { 'news.example': { analytics: 'allow' } } };
  assert.deepEqual(allowedOn(policy, 'news.example'), { ...NONE, analytics: true });
  assert.deepEqual(allowedOn(policy, 'other.example'), NONE);
  const top = await bannerSetup(policy, 'news.example', 'https://www.news.example/', true);
  assert.deepEqual(top.rules.map((r) => [r.id, r.kind]),
    [['klaro', 'choose'], ['osano', 'rejectAll'], ['vanillacc', 'choose'], ['tcf-fixture', 'choose']]);
  assert.equal(top.off, false);
  assert.deepEqual((await bannerSetup(policy, 'news.example', 'https://cmp.example/frame', false)).rules, []);
  assert.deepEqual((await bannerSetup(policy, '', 'about:blank', true)).rules, [], 'no site, no rules');
});

test('a page\'s report is checked: a known CMP, a known outcome, the reason clipped, the time only when answered', async () => {
  const policy = { ...freshPolicy(), sites: { 'news.example': { analytics: 'allow' } } };
  const answered = await bannerOutcome({ cmp: 'osano', outcome: 'answered', ms: 320.4 }, policy, 'news.example');
  assert.deepEqual({ ...answered, at: 0 }, { at: 0, site: 'news.example', outcome: 'answered', cmp: 'osano', name: 'Osano cookieconsent',
    reason: '', ms: 320, kind: 'rejectAll', allOrNothing: true, allowed: ['analytics'], rulesChecked: ['klaro', 'osano', 'vanillacc', 'tcf-fixture'] });
  assert.equal(await bannerOutcome({ cmp: 'nope', outcome: 'answered' }, policy, 'news.example'), null);
  assert.equal(await bannerOutcome({ cmp: 'klaro', outcome: 'accepted' }, policy, 'news.example'), null);
  const gaveUp = await bannerOutcome({ cmp: 'klaro', outcome: 'gave-up', reason: 'x'.repeat(5000), ms: 5 }, policy, 'news.example');
  assert.equal(gaveUp.reason.length, 301);
  assert.equal(gaveUp.ms, null);
  assert.equal((await bannerOutcome({ outcome: 'none' }, policy, 'news.example')).cmp, null);
});

test('"Don\'t answer here" per site: on, off, and refused past MAX_SITES without forgetting any', async () => {
  assert.equal(await isBannerOff('news.example'), false);
  assert.deepEqual(await setBannerOff('news.example', true), { off: true, saved: true });
  assert.equal(await isBannerOff('news.example'), true);
  assert.equal((await bannerSetup(freshPolicy(), 'news.example', 'https://news.example/', true)).off, true);
  await setBannerOff('news.example', false);
  assert.equal(await isBannerOff('news.example'), false);
  chrome.storage.local.data.set('bannerOff', Array.from({ length: MAX_SITES }, (_, i) => `s${i}.example`));
  await assert.rejects(setBannerOff('news.example', true), { code: 'full' });
  assert.equal(chrome.storage.local.data.get('bannerOff').length, MAX_SITES);
  assert.deepEqual(await setBannerOff('s0.example', false), { off: false, saved: true });
});
