// Chromium (and Edge): the browser enforces the policy by itself through declarativeNetRequest
// dynamic rules, compiled by the engine from its host rules x the person's policy
// (engine/include/warden/dnr_compiler.h) and replaced as a whole whenever the policy changes.
let pending = Promise.resolve();
let lastCounts = null;

export function applyDnr(engine, enginePolicy) {
  pending = pending.then(async () => {
    const started = performance.now();
    const compiled = engine.compileDnr(enginePolicy, { firstRuleId: 1 });
    const existing = await chrome.declarativeNetRequest.getDynamicRules();
    await chrome.declarativeNetRequest.updateDynamicRules({
      removeRuleIds: existing.map((r) => r.id),
      addRules: compiled.rules,
    });
    lastCounts = { ...compiled.counts, limits: compiled.limits, applyMs: performance.now() - started };
    return lastCounts;
  }).catch((e) => {
    console.error('DNR update failed', e);
    lastCounts = { error: String(e?.message ?? e) };
    return lastCounts;
  });
  return pending;
}

export function dnrCounts() {
  return lastCounts;
}
