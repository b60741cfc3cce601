// Message names (`what`) between the pages and the background: one router handles them all, and
// every one is answered {ok: true, result} or {ok: false, code, message} (reply.js). What follows
// the arrow is the result.
export const MSG = Object.freeze({
  getState: 'getState',              // → {policy, own, chosen, managed, managedError, categories, dnr, guard, timings, coldStarts, browser}
  getVendors: 'getVendors',          // → {necessary: [names], functional: [...], ...}
  setDefaults: 'setDefaults',        // {defaults: {analytics: 'allow'|'block', ...}} (marks the choice made) → {dnr, guard, saved}
  setSiteChoice: 'setSiteChoice',    // {site, category, action: 'allow'|'block'|null} → {dnr, guard, saved}
  setSiteNecessaryOnly: 'setSiteNecessaryOnly', // {site} → {dnr, guard, saved}
  clearSite: 'clearSite',            // {site} → {dnr, guard, saved}
  setKept: 'setKept',                // {site, kept: true|false}: the keep-list (its stored data is never cleaned up) → {dnr, guard, saved}
  importSettings: 'importSettings',  // {settings}: a policy (policy.js) or an old settings export → {dnr, guard, saved}
  exportSettings: 'exportSettings',  // → the policy
  policyInForce: 'policyInForce',  // → the policy enforced: the person's merged with the organisation's
  getTabReport: 'getTabReport',      // {tabId} → report | null
  getDecisionLog: 'getDecisionLog',  // → [entries, newest first, each with `violation`]
  getSiteRecord: 'getSiteRecord',    // {site} → the site's consent-violation record (site-record.js, schemas/site-record.schema.json)
  // "Delete site data" names the tab whose site it is; the deletions also carry the site the
  // person saw in the preview, and are refused (code 'refused', the reason in words) if the tab
  // has moved on.
  previewSiteData: 'previewSiteData', // {tabId} → {site, suffixOnly, cookies: [...], storage: {types, hosts}}
  deleteSiteData: 'deleteSiteData',  // {tabId, site} → this browser's result, with record: {logEntries, cmpRecords} forgotten
  previewSiteElsewhere: 'previewSiteElsewhere', // {tabId} → the native host's delete_site dry run per browser profile
  // Asked over a REQUEST_PORT, it sends the host's progress first: {progress: {done, total, browser, profile, state}}.
  deleteSiteElsewhere: 'deleteSiteElsewhere', // {tabId, site} → the native host's delete_site result per browser profile
  undoRemoval: 'undoRemoval',        // {undoId} → {kept, restored, expired, failed}: the cookies a deletion or a sweep kept, set back
  lastDeletion: 'lastDeletion',      // {site} → {id, at, count} | null: the site's last deletion this browser can still undo
  // A sweep after a choice: the page reads every stored cookie and hands it over in batches
  // (sweep-handover.js; sweep-request.js): a new handover drops the one before, and an older, idle
  // or unknown one is refused with code 'handover_expired'; a batch over the cap 'batch_too_large',
  // one batch too many 'too_many_batches'.
  sweepHandover: 'sweepHandover',    // → {handover: id, batchCookies, maxBatches}
  sweepBatch: 'sweepBatch',          // {handover, cookies: [at most batchCookies, as cookies.getAll lists them]} → {received}
  sweep: 'sweep',                    // {handover}: the background decides them all → {applied: result} | {preview: {id, cookies, sites, byCategory}} (cookie-sweep.js; both with phases)
  // Asked over a REQUEST_PORT, it sends the removal's progress first: {progress: {done, total}}.
  applySweep: 'applySweep',          // {id} → {applied: result} | {expired: true}
  cancelSweep: 'cancelSweep',        // → {cancelling}: the sweep's removal under way stops at its next slice (what went stays in Undo)
  undoSiteElsewhere: 'undoSiteElsewhere', // {ids} → the native host's undo of those deletions (delete_site's profiles[].undo.id)
  guardBlocked: 'guardBlocked',      // from content/guard-reporter.js, not answered: {writes: [{name, how}]}
  bannerOff: 'bannerOff',            // {site} → {off}: the person's "Don't answer cookie banners here"
  setBannerOff: 'setBannerOff',      // {site, off: true|false} → {off, saved}
  bannerSetup: 'bannerSetup',        // from content/banner-answerer.js, answered: → {off, allowed, rules} (banner-answers.js)
  bannerOutcome: 'bannerOutcome',    // from content/banner-answerer.js, not answered: {cmp, outcome, reason, ms}
  cmpRecord: 'cmpRecord',            // from content/tcf-reporter.js, not answered: {tcData} (the page's __tcfapi getTCData)
});

// The name of the port a page opens for one request whose progress it shows: it posts the message,
// receives {progress} while the request runs, then the reply.
export const REQUEST_PORT = 'request';
