// The module's linear memory over the policy changes the extension compiles to DNR rules
// (extension/js/dnr-enforcer.js). Linear memory never shrinks, so what a compile holds at its peak
// stays with the extension: the rules' JSON is written once, in place (engine/src/dnr_compiler.cpp).
// Its own process (CTest wasm/dnr_memory): other tests' allocations would count here.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { engineBytes, loadEngine } from './test_engine.mjs';

const REFUSE = { functional: 'block', analytics: 'block', social: 'block', marketing: 'block' };
// Each lists thousands of hosts in one rule's condition: an override allowing a list's category on a
// site, and unknown third parties blocked while analytics is allowed.
const CHANGES = [
  { defaults: REFUSE, unknown_third_party: 'allow', sites: { 'shop.example': { analytics: 'allow' } } },
  { defaults: { ...REFUSE, analytics: 'allow' }, unknown_third_party: 'block', sites: { 'news.example': { analytics: 'block' } } },
  { defaults: REFUSE, unknown_third_party: 'allow', sites: { 'shop.example': { marketing: 'allow' }, 'news.example': { analytics: 'allow' } } },
];
const MB = 1e6;

// Chromium's compile (static rulesets carry the host rules) then Firefox's (every host rule in the
// output), in one module as a browser that switched would hold them.
test('policy changes compiled without, then with, the host rules stay within their memory', async () => {
  const engine = await loadEngine(CHANGES[0]);
  const beyondBuffer = () => engine.memory().linearBytes - engineBytes.length;
  const peaks = [];
  for (const includeHostRules of [false, true]) {
    let output = 0;
    for (const policy of CHANGES) output = Math.max(output, JSON.stringify(engine.compileDnr(policy, { firstRuleId: 1, includeHostRules }).rules).length);
    peaks.push(beyondBuffer());
    console.log(`host rules ${includeHostRules ? 'in' : 'out'}: largest output ${(output / MB).toFixed(2)} MB; ` +
      `linear memory beyond the engine buffer ${(beyondBuffer() / MB).toFixed(2)} MB`);
  }
  engine.free();
  // The rule index, the largest output and its growth: about 12.3 then 20.5 MB, 15.0 then 23.2 MB
  // when each rule's condition was built apart and then copied into the output.
  assert.ok(peaks[0] <= 13.5 * MB, `without the host rules: ${(peaks[0] / MB).toFixed(2)} MB beyond the engine buffer`);
  assert.ok(peaks[1] <= 22 * MB, `with the host rules: ${(peaks[1] / MB).toFixed(2)} MB beyond the engine buffer`);
});
