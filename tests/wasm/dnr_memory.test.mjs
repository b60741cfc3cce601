// The module's linear memory over the policy changes the extension compiles to DNR rules
// (extension/js/dnr-enforcer.js). Linear memory never shrinks, so what a compile holds at its peak
// stays with the extension: the rule index holds views into the hosts it decoded once from the
// engine buffer, and the rules' JSON goes to JS in pieces as it is written (engine/src/dnr_compiler.cpp, wasm/src/warden_api.cpp).
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
  const linear = engine.memory().linearBytes;
  engine.free();
  // The rule index (~0.75 MB of host views, and the ~1.8 MB of hosts they view, decoded once: the
  // buffer stores them front-coded since format 11, 1.7 MB smaller) and a 64 KB piece of output:
  // 2.71 MB both times (0.92 MB when the views pointed into the buffer), where it was 12.3 then
  // 20.5 MB with the index as a copy of every rule and the output held whole (the largest is 3.25
  // MB without the host rules). Issue 11's goal: 8 MB of linear memory at all times.
  for (const peak of peaks) assert.ok(peak <= 3 * MB, `${(peak / MB).toFixed(2)} MB beyond the engine buffer`);
  assert.ok(linear <= 8 * MB, `${(linear / MB).toFixed(2)} MB of linear memory`);
});
