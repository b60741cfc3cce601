// What a policy change costs the extension on Chromium: engine.compileDnr in the packaged
// extension's own WASM module and engine.bin, as dnr-enforcer.js calls it (static rulesets on, so
// no host rules). The first call builds the rule index the engine keeps; later calls reuse it.
// Prints first call / median / max for each policy and the module's memory. Asserts nothing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const [extensionDir, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg ?? 25);
const { Warden } = await import(pathToFileURL(join(extensionDir, 'wasm', 'warden.js')).href);
const engine = await Warden.load({
  wasmBinary: readFileSync(join(extensionDir, 'wasm', 'warden.wasm')),
  engineBytes: readFileSync(join(extensionDir, 'engine', 'engine.bin')),
});

const NECESSARY_ONLY = { necessary: 'allow', functional: 'block', analytics: 'block', social: 'block', marketing: 'block' };
const POLICIES = [
  ['necessary only (the default)', { defaults: NECESSARY_ONLY, unknown_third_party: 'allow', sites: {} }],
  ['+ analytics allowed on one site', { defaults: NECESSARY_ONLY, unknown_third_party: 'allow', sites: { 'shop.example': { analytics: 'allow' } } }],
  // Social's connect.facebook.net holds the Meta Pixel's marketing paths: blocks above the site's allow.
  ['+ social allowed on one site', { defaults: NECESSARY_ONLY, unknown_third_party: 'allow', sites: { 'shop.example': { social: 'allow' } } }],
  // Marketing's ruleset ranks above the per-site allows: its override names its hosts.
  ['+ marketing allowed on one site', { defaults: NECESSARY_ONLY, unknown_third_party: 'allow', sites: { 'shop.example': { marketing: 'allow' } } }],
  ['+ unclassified third parties blocked', { defaults: NECESSARY_ONLY, unknown_third_party: 'block', sites: {} }],
];

const ms = (t) => t.toFixed(2);
for (const [name, policy] of POLICIES) {
  const times = [];
  let rules = 0;
  let bytes = 0;
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const compiled = engine.compileDnr(policy, { firstRuleId: 1, includeHostRules: false });
    times.push(performance.now() - start);
    rules = compiled.rules.length;
    bytes = JSON.stringify(compiled.rules).length;
  }
  const first = times[0];
  times.sort((a, b) => a - b);
  console.log(`${name}: ${rules} rules, ${bytes} bytes; first call ${ms(first)} ms, median ${ms(times[RUNS >> 1])} ms, max ${ms(times[RUNS - 1])} ms`);
}
const memory = engine.memory();
console.log(`linear memory ${(memory.linearBytes / 1e6).toFixed(2)} MB (engine buffer ${(memory.engineBytes / 1e6).toFixed(2)} MB)`);
engine.free();
