// Global Privacy Control follows the marketing choice of the tab's top-level site: where marketing
// is refused, every request of that site's pages carries `Sec-GPC: 1` and its frames see
// `navigator.globalPrivacyControl === true`; where it is allowed, neither.
//   * Chromium: two DNR session rules (session: the dynamic rules are the engine's, replaced whole
//     by dnr-enforcer.js). The document request by its own domain (requestDomains); every other
//     request by the tab's top-level site (topDomains, Chromium only). Priority above the engine's
//     allow rules, which would otherwise switch a lower modifyHeaders rule off.
//   * Firefox: webRequest.onBeforeSendHeaders, deciding by the site of the request's top-level URL
//     (request-context.js), which Firefox's details carry for frames too: exact per tab.
//   * Both: a MAIN-world content script at document_start (content/gpc-signal.js). Content script
//     `matches` test the frame's own URL, so the property follows the frame's site, not the top
//     level: an iframe of a refusing site inside an allowing one sees it, and the reverse does not.
import { gpcScope, sendsGpc } from './gpc-scope.js';

const SCRIPT_ID = 'gpc-signal';
const RULE_IDS = [1, 2];
const PRIORITY = 1000;
const HEADER = { header: 'Sec-GPC', operation: 'set', value: '1' };

function rule(id, condition) {
  return { id, priority: PRIORITY, action: { type: 'modifyHeaders', requestHeaders: [HEADER] }, condition };
}

// Chromium's session rules for a scope; none when no site gets the signal.
export function gpcRules({ everywhere, sites }) {
  if (everywhere) {
    const except = (key) => (sites.length ? { [key]: sites } : {});
    return [rule(RULE_IDS[0], { resourceTypes: ['main_frame'], ...except('excludedRequestDomains') }),
      rule(RULE_IDS[1], except('excludedTopDomains'))];
  }
  if (!sites.length) return [];
  return [rule(RULE_IDS[0], { resourceTypes: ['main_frame'], requestDomains: sites }), rule(RULE_IDS[1], { topDomains: sites })];
}

const patternsOf = (site) => [`*://*.${site}/*`]; // also matches the bare site

// The content script registration for a scope, or null when no site gets the signal.
export function gpcScriptEntry({ everywhere, sites }) {
  if (!everywhere && !sites.length) return null;
  return {
    id: SCRIPT_ID,
    matches: everywhere ? ['<all_urls>'] : sites.flatMap(patternsOf),
    excludeMatches: everywhere ? sites.flatMap(patternsOf) : [],
    js: ['content/gpc-signal.js'],
    runAt: 'document_start',
    world: 'MAIN',
    allFrames: true,
    matchOriginAsFallback: true,
    persistAcrossSessions: true, // Chromium resets it on an update that omits it
  };
}

async function syncScript(entry) {
  const registered = (await chrome.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] })).length > 0;
  if (entry && registered) await chrome.scripting.updateContentScripts([entry]);
  else if (entry) await chrome.scripting.registerContentScripts([entry]);
  else if (registered) await chrome.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
}

let pending = Promise.resolve();

// Brings the registration (and on Chromium the header rules) in line with the policy that applies.
export function syncGpc(policy, { useDnr }) {
  const scope = gpcScope(policy);
  pending = pending.then(async () => {
    await syncScript(gpcScriptEntry(scope));
    if (useDnr) await chrome.declarativeNetRequest.updateSessionRules({ removeRuleIds: RULE_IDS, addRules: gpcRules(scope) });
    return scope;
  }).catch((e) => {
    console.error('GPC update failed', e);
    return { error: String(e?.message ?? e) };
  });
  return pending;
}

// Firefox's onBeforeSendHeaders (blocking): the header for the requests of refusing sites' pages;
// `topSite` is the site of the tab's top-level document. The policy is passed in: an event page
// woken by this request has not run syncGpc.
export function withGpcHeader(details, policy, topSite) {
  if (!sendsGpc(policy, topSite)) return undefined;
  const requestHeaders = details.requestHeaders.filter((h) => h.name.toLowerCase() !== 'sec-gpc');
  requestHeaders.push({ name: HEADER.header, value: HEADER.value });
  return { requestHeaders };
}
