// The WASM module's linear memory with the packaged extension's engine.bin: after load, after the
// first decisions, and after each of five policy changes applied as the extension applies them
// (extension/js/browsers/*.js). `chromium`: each change compiled to DNR rules with the static
// rulesets on, so no list host rules in the output (dnr-enforcer.js); `firefox`: no DNR compile at
// all (blocking webRequest decides each request live), a decision after each change instead.
// Linear memory only grows, so the last figure is the peak. Asserts nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFigures } from '../figures.mjs';

const [extensionDir, browser] = process.argv.slice(2);
if (!extensionDir || !['chromium', 'firefox'].includes(browser)) {
  console.error('usage: memory.mjs EXTENSION_DIR chromium|firefox');
  process.exit(2);
}
const { Warden } = await import(pathToFileURL(join(extensionDir, 'wasm', 'warden.js')).href);
const engine = await Warden.load({
  wasmBinary: readFileSync(join(extensionDir, 'wasm', 'warden.wasm')),
  engineBytes: readFileSync(join(extensionDir, 'engine', 'engine.bin')),
});

const NECESSARY_ONLY = { necessary: 'allow', functional: 'block', analytics: 'block', social: 'block', marketing: 'block' };
// Five changes a person makes in the popup and the options page, each one recompiled.
const POLICY_CHANGES = [
  { defaults: NECESSARY_ONLY, unknown_third_party: 'allow', sites: {} },
  { defaults: NECESSARY_ONLY, unknown_third_party: 'allow', sites: { 'shop.example': { analytics: 'allow' } } },
  { defaults: NECESSARY_ONLY, unknown_third_party: 'allow', sites: { 'shop.example': { analytics: 'allow', social: 'allow' } } },
  { defaults: { ...NECESSARY_ONLY, analytics: 'allow' }, unknown_third_party: 'block', sites: { 'news.example': { analytics: 'block' } } },
  { defaults: NECESSARY_ONLY, unknown_third_party: 'allow', sites: { 'shop.example': { marketing: 'allow' }, 'news.example': { analytics: 'allow' } } },
];

const mb = (bytes) => (bytes / 1e6).toFixed(2);
const linear = () => engine.memory().linearBytes;
console.log(`${browser}: engine buffer ${mb(engine.memory().engineBytes)} MB; linear memory after load ${mb(linear())} MB`);
const afterLoad = linear();
engine.setPolicy(POLICY_CHANGES[0]);
engine.decideRequest({ url: 'https://www.google-analytics.com/analytics.js', topUrl: 'https://shop.example/', type: 'script' });
console.log(`${browser}: after the first decision ${mb(linear())} MB`);
POLICY_CHANGES.forEach((policy, i) => {
  engine.setPolicy(policy);
  if (browser === 'chromium') {
    const rules = engine.compileDnr(policy, { firstRuleId: 1, includeHostRules: false }).rules.length;
    console.log(`${browser}: after policy change ${i + 1} (${rules} DNR rules) ${mb(linear())} MB`);
  } else {
    engine.decideRequest({ url: 'https://www.google-analytics.com/analytics.js', topUrl: 'https://shop.example/', type: 'script' });
    console.log(`${browser}: after policy change ${i + 1} (no DNR compile) ${mb(linear())} MB`);
  }
});
writeFigures(`wasm-memory-${browser}`, [
  { figure: `${browser}: WASM linear memory after load`, value: afterLoad / 1e6, unit: 'MB', goal: '≤ 8 MB' },
  { figure: `${browser}: WASM linear memory after ${POLICY_CHANGES.length} policy changes (the peak)`, value: linear() / 1e6,
    unit: 'MB', goal: '≤ 8 MB' },
]);
engine.free();
