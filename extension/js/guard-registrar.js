// Keeps the MAIN-world cookie guard registered with the policy of every site, as verified in
// shared/notes/extension-platform.md (last part): one registration per guard policy file, grouping
// its sites in `matches`; the default registration covers everything else. The policy file runs
// first in the same injection, so the guard has the site's choices synchronously at document_start.
import { guardPolicyId } from './policy.js';

const GUARD_FILES = ['content/cookie-table.js', 'content/cookie-guard.js'];
const PREFIX = 'guard-';

const patternsOf = (site) => [`*://*.${site}/*`]; // also matches the bare site

function entry(id, policyId, matches, excludeMatches) {
  return {
    id: PREFIX + id,
    matches,
    excludeMatches,
    js: [`policy/${policyId}.js`, ...GUARD_FILES],
    runAt: 'document_start',
    world: 'MAIN',
    allFrames: true,
    matchOriginAsFallback: true,
    // Chromium resets this to false on an update that omits it: always pass it.
    persistAcrossSessions: true,
  };
}

export function guardEntries(policy) {
  const defaultPolicy = guardPolicyId(policy, null);
  const bySite = new Map();
  for (const site of Object.keys(policy.sites)) {
    const policyId = guardPolicyId(policy, site);
    if (policyId === defaultPolicy) continue;
    if (!bySite.has(policyId)) bySite.set(policyId, []);
    bySite.get(policyId).push(site);
  }
  const special = [...bySite.values()].flat().flatMap(patternsOf);
  const entries = [entry('default', defaultPolicy, ['<all_urls>'], special)];
  for (const [policyId, sites] of bySite) entries.push(entry(policyId, policyId, sites.flatMap(patternsOf), []));
  return entries;
}

let pending = Promise.resolve();

// Brings the registrations in line with the policy: new ones first, so a site is never left
// without a guard while the default's exclusions change, then updates, then removals.
export function syncGuard(policy) {
  pending = pending.then(() => applyEntries(guardEntries(policy))).catch((e) => {
    console.error('cookie guard registration failed', e);
    return { error: String(e?.message ?? e) };
  });
  return pending;
}

async function applyEntries(desired) {
  const started = performance.now();
  const existing = new Set((await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id).filter((id) => id.startsWith(PREFIX)));
  const toRegister = desired.filter((e) => !existing.has(e.id));
  const toUpdate = desired.filter((e) => existing.has(e.id));
  const wanted = new Set(desired.map((e) => e.id));
  const toRemove = [...existing].filter((id) => !wanted.has(id));
  if (toRegister.length) await chrome.scripting.registerContentScripts(toRegister);
  if (toUpdate.length) await chrome.scripting.updateContentScripts(toUpdate);
  if (toRemove.length) await chrome.scripting.unregisterContentScripts({ ids: toRemove });
  return { entries: desired.length, ms: performance.now() - started };
}
