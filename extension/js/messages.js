// Message names (`what`) between the pages and the background: one router handles them all.
export const MSG = Object.freeze({
  getState: 'getState',              // → {policy, categories, ready, coldStartMs, rules}
  getVendors: 'getVendors',          // → {necessary: [names], functional: [...], ...}
  setDefaults: 'setDefaults',        // {defaults: {analytics: 'allow'|'block', ...}} (marks the choice made)
  setSiteChoice: 'setSiteChoice',    // {site, category, action: 'allow'|'block'|null}
  setSiteNecessaryOnly: 'setSiteNecessaryOnly', // {site}
  clearSite: 'clearSite',            // {site}
  importSettings: 'importSettings',  // {settings}
  exportSettings: 'exportSettings',  // → settings
  getTabReport: 'getTabReport',      // {tabId} → report
  getDecisionLog: 'getDecisionLog',  // → [entries]
  // "Delete site data" names the tab whose site it is; the deletions also carry the site the
  // person saw in the preview, and are refused if the tab has moved on. A refusal is {refused}.
  previewSiteData: 'previewSiteData', // {tabId} → {site, suffixOnly, cookies: [...], storage: {types, hosts}}
  deleteSiteData: 'deleteSiteData',  // {tabId, site} → this browser's result
  previewSiteElsewhere: 'previewSiteElsewhere', // {tabId} → the native host's delete_site dry run per browser profile
  deleteSiteElsewhere: 'deleteSiteElsewhere', // {tabId, site} → the native host's delete_site result per browser profile
  hostProgress: 'hostProgress',      // from the background to the pages while deleteSiteElsewhere runs: {site, progress}
  getEngineStatus: 'getEngineStatus', // → {ready, coldStartMs, memory, dnr}
  guardBlocked: 'guardBlocked',      // from content/guard-reporter.js: {writes: [{name, how}]}
});
