// Message names (`what`) between the pages and the background: one router handles them all.
export const MSG = Object.freeze({
  getState: 'getState',              // → {policy, chosen, categories, dnr, guard, timings, coldStarts, browser}
  getVendors: 'getVendors',          // → {necessary: [names], functional: [...], ...}
  setDefaults: 'setDefaults',        // {defaults: {analytics: 'allow'|'block', ...}} (marks the choice made)
  setSiteChoice: 'setSiteChoice',    // {site, category, action: 'allow'|'block'|null}
  setSiteNecessaryOnly: 'setSiteNecessaryOnly', // {site}
  clearSite: 'clearSite',            // {site}
  setKept: 'setKept',                // {site, kept: true|false}: the keep-list (its stored data is never cleaned up)
  importSettings: 'importSettings',  // {settings}: a policy (policy.js) or an old settings export
  exportSettings: 'exportSettings',  // → the policy
  policyInForce: 'policyInForce',  // → the policy enforced: the person's merged with the organisation's
  getTabReport: 'getTabReport',      // {tabId} → report
  getDecisionLog: 'getDecisionLog',  // → [entries, newest first, each with `violation`]
  getSiteRecord: 'getSiteRecord',    // {site} → the site's consent-violation record (site-record.js, schemas/site-record.schema.json)
  // "Delete site data" names the tab whose site it is; the deletions also carry the site the
  // person saw in the preview, and are refused if the tab has moved on. A refusal is {refused}.
  previewSiteData: 'previewSiteData', // {tabId} → {site, suffixOnly, cookies: [...], storage: {types, hosts}}
  deleteSiteData: 'deleteSiteData',  // {tabId, site} → this browser's result, with record: {logEntries, cmpRecords} forgotten
  previewSiteElsewhere: 'previewSiteElsewhere', // {tabId} → the native host's delete_site dry run per browser profile
  deleteSiteElsewhere: 'deleteSiteElsewhere', // {tabId, site} → the native host's delete_site result per browser profile
  undoRemoval: 'undoRemoval',        // {undoId} → {kept, restored, expired, failed}: the cookies a deletion or a sweep kept, set back
  lastDeletion: 'lastDeletion',      // {site} → {id, at, count} | null: the site's last deletion this browser can still undo
  sweep: 'sweep',                    // after a choice → {applied: result} | {preview: {id, cookies, sites, byCategory}} (cookie-sweep.js)
  applySweep: 'applySweep',          // {id} → {applied: result} | {expired: true}
  undoSiteElsewhere: 'undoSiteElsewhere', // {ids} → the native host's undo of those deletions (delete_site's profiles[].undo.id)
  hostProgress: 'hostProgress',      // from the background to the pages while deleteSiteElsewhere runs: {site, progress}
  getEngineStatus: 'getEngineStatus', // → {ready, coldStartMs, memory, dnr}
  guardBlocked: 'guardBlocked',      // from content/guard-reporter.js: {writes: [{name, how}]}
  cmpRecord: 'cmpRecord',            // from content/tcf-reporter.js: {tcData} (the page's __tcfapi getTCData)
});
