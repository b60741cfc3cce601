// Chromium (and Edge): the browser enforces the policy by itself through declarativeNetRequest,
// compiled by the engine (engine/include/warden/dnr_compiler.h). The big lists' host rules ship as
// one static ruleset per category (rulesets/warden_<category>.json, declared disabled): the
// rulesets of the categories refused by default are enabled, and the dynamic rules, replaced as a
// whole whenever the policy changes, hold the rest — per-site overrides (allow rules above the
// static rulesets, block rules for sites refusing a category allowed by default), path rules and
// the Set-Cookie removal. Marketing's ruleset ranks above the per-site allows: a site allowing other
// categories gets one allow naming no host (a few rules, not a list's hosts again); a site allowing
// marketing gets an allow naming marketing's hosts (bench/extension/run-site-override).
let pending = Promise.resolve();
let lastCounts = null;
// What this worker last left in the browser: the dynamic rules' ids (all of them ours: GPC uses
// session rules) and the rulesets enabled. Unknown when the worker starts or an update failed; the
// browser is then asked. Each call saved is a round trip to the browser process, most of an
// override's apply time.
let known = null;

// The manifest's rulesets: the build declares them; an unpacked source tree has none.
function declaredRulesets() {
  return chrome.runtime.getManifest().declarative_net_request?.rule_resources?.map((r) => r.id) ?? [];
}

// `enabled`: the rulesets enabled now. A change of a site's choices changes none of them: the
// browser is then not asked (each call is a round trip to the browser process).
async function enableRefusedRulesets(declared, enabled, enginePolicy) {
  const refused = declared.filter((id) => enginePolicy.defaults?.[id.replace(/^warden_/, '')] === 'block');
  const enableRulesetIds = refused.filter((id) => !enabled.includes(id));
  const disableRulesetIds = enabled.filter((id) => !refused.includes(id));
  if (enableRulesetIds.length || disableRulesetIds.length)
    await chrome.declarativeNetRequest.updateEnabledRulesets({ enableRulesetIds, disableRulesetIds });
  return { declared: declared.length, enabled: refused };
}

async function appliedInBrowser(staticRules) {
  const [rules, enabled] = await Promise.all([chrome.declarativeNetRequest.getDynamicRules(),
    staticRules ? chrome.declarativeNetRequest.getEnabledRulesets() : []]);
  return { ruleIds: rules.map((r) => r.id), enabled };
}

export function applyDnr(engine, enginePolicy) {
  pending = pending.then(async () => {
    const started = performance.now();
    const declared = declaredRulesets();
    const staticRules = declared.length > 0;
    const compiled = engine.compileDnr(enginePolicy, { firstRuleId: 1, includeHostRules: !staticRules });
    const { ruleIds, enabled } = known ?? await appliedInBrowser(staticRules);
    known = null;
    // Dynamic first: a site's allow override must be in place before its category's ruleset blocks.
    await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: ruleIds, addRules: compiled.rules });
    const rulesets = staticRules ? await enableRefusedRulesets(declared, enabled, enginePolicy) : null;
    known = { ruleIds: compiled.rules.map((r) => r.id), enabled: rulesets?.enabled ?? [] };
    lastCounts = { ...compiled.counts, limits: compiled.limits, rulesets, applyMs: performance.now() - started };
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
