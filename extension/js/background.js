// The background (Chromium: module service worker; Firefox: event page). Every listener is added
// synchronously at top level and waits for `ready` (the engine and the settings), so a worker woken
// by an event never loses it and never decides before it can. What it records of its decisions
// (the tab reports, the decision log) is restored beside, and recorded through `record`
// (record-queue.js): a first request is decided without waiting for that restore.
import { currentEngine, decideCookieSafely, decideRequestSafely, engineTimings, loadEngine } from './engine.js'; // first: starts loading
import { CATEGORIES } from './categories.js';
import { logDecision, restoreLog } from './decision-log.js';
import { keepCmpRecord } from './cmp-records.js';
import { bannerOutcome, bannerSetup } from './banner-answers.js';
import { isBannerOff, setBannerOff } from './banner-off-sites.js';
import { checkAnsweredBanner } from './consent-checks.js';
import { choiceOn, decisionsWithViolations, exportSiteRecord, forgetSiteEvidence } from './consent-evidence.js';
import { overlay } from './browser-overlay.js';
import { recordQueue } from './record-queue.js';
import { dnrCounts } from './dnr-enforcer.js';
import { enforceCookie } from './cookie-backstop.js';
import { localRead, localWrite } from './ext.js';
import { syncGuard, guardEntries } from './guard-registrar.js';
import { acceptWrites, forgetTabBudget } from './guard-report.js';
import { MSG, REQUEST_PORT } from './messages.js';
import { askHost } from './native-host.js';
import { forgetTab, frameUrlOf, noteNavigation, topUrlOf } from './request-context.js';
import { failure, Refusal, success } from './reply.js';
import { effectivePolicy, isSiteName, lockedChange, parsePolicy, NECESSARY_ONLY } from './policy.js';
import { withGpcHeader } from './gpc.js';
import { readManaged } from './managed-policy.js';
import { freshSettings, loadSettings, readImport, saveSettings } from './settings.js';
import { applySweep, cancelSweep, sweepStoredCookies } from './cookie-sweep.js';
import { acceptBatch, openHandover } from './sweep-handover.js';
import { lastDeletionOf, restoreDeletedCookies } from './deleted-cookies.js';
import { deletableSite, deleteSiteData, previewSiteData } from './site-data.js';
import { siteOf, siteOfUrl } from './site.js';
import { dropReport, noteCookieRemoval, noteBannerOutcome, noteCookieWrites, noteRequest, reportOf, restoreReports, settleRequest, startReport, tabsOfSite } from './tab-report.js';

let settings = freshSettings();
let organisation = { managed: null, error: null }; // managed-policy.js
let guardStatus = null;
let readyMs = null; // performance.now() when deciding could start (bench/extension/cold_start.mjs)

// The person's policy under the organisation's: what the engine and the browser enforce.
const enforced = () => effectivePolicy(settings.policy, settings.chosen, organisation.managed);

// Every decision is logged with the choice in force on its site (the consent-violation record's).
const log = (entry) => logDecision({ ...entry, choice: choiceOn(enforced(), entry.site) });

async function keepColdStart() {
  const { coldStartMs, loadMs, loadStartMs, fetchMs } = engineTimings();
  const round = (ms) => Math.round(ms * 10) / 10;
  const history = (await localRead('coldStarts')) ?? [];
  history.push({ at: Date.now(), coldStartMs: round(coldStartMs), loadMs: round(loadMs), loadStartMs: round(loadStartMs),
    fetchMs: round(fetchMs) });
  await localWrite('coldStarts', history.slice(-20));
}

// What deciding needs: the engine, the settings and the organisation's policy over them.
async function startDeciding() {
  const [engine, loaded, managed] = await Promise.all([loadEngine(), loadSettings(), readManaged()]);
  settings = loaded;
  organisation = managed;
  engine.setPolicy(enforced());
  readyMs = performance.now();
  keepColdStart();
  return engine;
}

const ready = startDeciding();
ready.catch((e) => console.error('Cookie Warden failed to start', e));
// Listeners queue their recording from within `ready.then`, so it keeps the order of their events.
const restored = Promise.all([restoreLog(), restoreReports()]);
const record = recordQueue(restored);
// The extension's pages read the records too: they wait for both.
const started = Promise.all([ready, restored.catch(() => {})]); // a failed restore is reported by record()

// Whenever the settings change: the engine decides with them at once, then the browser-side
// enforcement follows (the overlay's: DNR rules on Chromium; the guard registrations everywhere).
async function applySettings(next, { persist = true } = {}) {
  settings = next;
  const engine = currentEngine();
  const policy = enforced();
  engine.setPolicy(policy);
  // The choice applies now whatever happens to the write; `saved: false` tells the page that it
  // will not survive a browser restart.
  const saved = persist ? await saveSettings(settings) : true;
  const [dnr, guard] = await Promise.all([
    overlay.enforceNetwork(engine, policy),
    syncGuard(policy),
    overlay.syncGpc(policy),
  ]);
  guardStatus = guard;
  return { dnr, guard, saved };
}

// ---- network: observation everywhere, live blocking where the overlay blocks live (Firefox) -------

const ALL_URLS = { urls: ['<all_urls>'] };

function observeRequest(details) {
  noteNavigation(details);
  if (details.type === 'main_frame') {
    record(() => startReport(details.tabId, details.url, siteOfUrl(details.url)));
    return null;
  }
  const decision = decideRequestSafely({ url: details.url, topUrl: topUrlOf(details), frameUrl: frameUrlOf(details), type: details.type });
  record(() => noteRequest(details, decision));
  return decision;
}

function onBeforeRequest(details) {
  const decision = observeRequest(details);
  if (!overlay.blocksLive || !decision || decision.action !== 'block') return undefined;
  // The request's page and frame as they are now: later navigations must not change its entry.
  const site = siteOfUrl(topUrlOf(details));
  const frameUrl = frameUrlOf(details);
  record(() => {
    const entry = settleRequest(details.requestId, 'blocked');
    log({ kind: 'request', site, url: details.url, frameUrl, type: details.type, category: decision.category, vendor: decision.vendor,
      rule: decision.rule, action: 'block', by: 'webRequest', tabId: details.tabId, settled: Boolean(entry) });
  });
  return { cancel: true };
}

chrome.webRequest.onBeforeRequest.addListener(
  (details) => ready.then(() => onBeforeRequest(details)),
  ALL_URLS,
  overlay.requestListenerOptions,
);
// Global Privacy Control (gpc.js): a header listener where the overlay needs one (Chromium's DNR
// session rules add the header by themselves).
overlay.listenForGpcHeaders((details) => ready.then(() => withGpcHeader(details, enforced(), siteOfUrl(topUrlOf(details)))));
chrome.webRequest.onResponseStarted.addListener((details) => {
  ready.then(() => {
    const site = siteOfUrl(topUrlOf(details));
    record(() => {
      const entry = settleRequest(details.requestId, 'allowed');
      if (entry && entry.category !== 'unknown' && entry.category !== 'necessary') {
        log({ kind: 'request', site, url: entry.url, category: entry.category, vendor: entry.vendor, rule: entry.rule, action: 'allow',
          tabId: details.tabId });
      }
    });
  });
}, ALL_URLS);
chrome.webRequest.onErrorOccurred.addListener((details) => {
  ready.then(() => {
    // Chromium reports a DNR block as ERR_BLOCKED_BY_CLIENT.
    if (!/BLOCKED_BY_CLIENT/.test(details.error)) return void record(() => settleRequest(details.requestId, 'allowed'));
    const site = siteOfUrl(topUrlOf(details));
    const frameUrl = frameUrlOf(details);
    record(() => {
      const entry = settleRequest(details.requestId, 'blocked');
      if (entry) {
        log({ kind: 'request', site, url: entry.url, frameUrl, type: details.type, category: entry.category, vendor: entry.vendor,
          rule: entry.rule, action: 'block', by: 'declarativeNetRequest', tabId: details.tabId });
      }
    });
  });
}, ALL_URLS);

chrome.tabs.onRemoved.addListener((tabId) => {
  ready.then(() => {
    forgetTab(tabId);
    forgetTabBudget(tabId);
    record(() => dropReport(tabId));
  });
});

// ---- cookies: the backstop ----------------------------------------------------------------------

chrome.cookies.onChanged.addListener((change) => {
  if (change.removed) return;
  ready.then(async () => {
    const outcome = await enforceCookie(change.cookie);
    if (!outcome) return;
    const { site, decision, removed } = outcome;
    const removal = { name: change.cookie.name, domain: change.cookie.domain, category: decision.category, vendor: decision.vendor, removed };
    record(() => {
      noteCookieRemoval(tabsOfSite(site), removal);
      log({ kind: 'cookie', site, url: change.cookie.domain, name: change.cookie.name, category: decision.category,
        vendor: decision.vendor, rule: decision.rule, action: 'block', by: 'cookies.onChanged', removed });
    });
  });
});

// ---- lifecycle: registrations are cleared by updates (and by --load-extension starts) ------------

chrome.runtime.onInstalled.addListener((details) => {
  ready.then(async () => {
    await applySettings(settings, { persist: false });
    if (details.reason === 'install') chrome.tabs.create({ url: chrome.runtime.getURL('pages/onboarding.html') });
  });
});

chrome.runtime.onStartup.addListener(() => {
  ready.then(async () => {
    const registered = await chrome.scripting.getRegisteredContentScripts();
    if (registered.length !== guardEntries(enforced()).length) guardStatus = await syncGuard(enforced());
    await overlay.syncGpc(enforced()); // Chromium's session rules end with the browser
  });
});

// The organisation changed its policy (Chromium re-reads the platform policy while running).
chrome.storage.onChanged.addListener((changes, area) => {
  if (area !== 'managed') return;
  ready.then(async () => {
    organisation = await readManaged();
    await applySettings(settings, { persist: false });
  });
});

// ---- messages from the extension's pages: one router --------------------------------------------

async function vendorsByCategory() {
  const response = await fetch(chrome.runtime.getURL('data/vendors.json'));
  return response.json();
}

// "Delete site data" takes its site from a tab the person has open, never from a name: a message
// cannot make it delete a public suffix's subdomains or an empty name's everything. `msg.site`,
// when given, is the site the person confirmed in the preview: a tab that moved on is refused.
// {site, suffixOnly}, or a Refusal with the reason in words for the popup.
async function siteOfTab(msg) {
  // tabs.get throws at once for what is not a tab id, and rejects for a closed tab.
  const tab = Number.isInteger(msg.tabId) ? await chrome.tabs.get(msg.tabId).catch(() => null) : null;
  if (!tab) throw new Refusal('refused', 'No such tab (it was closed?): nothing was deleted.');
  const found = deletableSite(tab.url ?? '');
  if (found.refused) throw new Refusal('refused', found.refused);
  if (msg.site !== undefined && msg.site !== found.site) {
    throw new Refusal('refused', `The tab now shows ${found.site}, not ${msg.site}: nothing was deleted.`);
  }
  return found;
}

// The native host's delete_site for the site of a tab: a dry run (the preview) or the deletion,
// its progress (each profile as the host reaches it) to the page that asked over a port.
function deleteElsewhere(site, dryRun, onProgress) {
  return askHost('delete_site', dryRun ? { site, dry_run: true } : { site }, onProgress);
}

// The native host's undo of the deletions a delete_site result named (profiles[].undo.id).
function undoElsewhere(ids) {
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) throw new Refusal('invalid', 'not a list of undo IDs');
  return askHost('undo', { ids });
}

// A site named by a page must be a registrable domain: an empty or odd name would otherwise reach
// the settings.
function siteFrom(msg) {
  const site = siteOf(String(msg.site ?? ''));
  if (!isSiteName(site)) throw new Refusal('invalid', `not a site: ${JSON.stringify(msg.site)}`);
  return site;
}

function withSite(site, change) {
  const next = structuredClone(settings.policy);
  const choices = { ...(next.sites[site] ?? {}) };
  change(choices);
  if (Object.keys(choices).length) next.sites[site] = choices;
  else delete next.sites[site];
  return next;
}

// A policy built from a page's request is checked like any other before it applies; a change to
// what a locked organisation policy sets is refused whole, naming what it would have changed.
function applyPolicy(policy, chosen = settings.chosen) {
  const checked = parsePolicy(policy);
  if (!checked.ok) throw new Refusal('invalid', checked.error);
  return applyChoice({ policy: checked.policy, chosen });
}

function applyChoice(next) {
  const locked = lockedChange(organisation.managed, settings.policy, next.policy);
  if (locked) throw new Refusal('locked', locked);
  return applySettings(next);
}

// `onProgress`: set when the page asked over a REQUEST_PORT (messages.js), for the requests that report it.
async function handleMessage(msg, onProgress = null) {
  switch (msg?.what) {
    case MSG.getState:
      // policy: what applies (shown by the pages); own: the person's, which their changes start from.
      return { policy: enforced(), own: settings.policy, chosen: settings.chosen, managed: organisation.managed, managedError: organisation.error, categories: CATEGORIES, dnr: dnrCounts(), guard: guardStatus, timings: { ...engineTimings(), readyMs },
        coldStarts: (await localRead('coldStarts')) ?? [], browser: overlay.name };
    case MSG.getVendors:
      return vendorsByCategory();
    case MSG.setDefaults:
      return applyPolicy({ ...settings.policy, defaults: { ...settings.policy.defaults, ...msg.defaults } }, true);
    case MSG.setSiteChoice:
      return applyPolicy(withSite(siteFrom(msg), (choices) => {
        if (msg.action === null) delete choices[msg.category];
        else choices[msg.category] = msg.action;
      }));
    case MSG.setSiteNecessaryOnly:
      return applyPolicy(withSite(siteFrom(msg), (choices) => Object.assign(choices, NECESSARY_ONLY)));
    case MSG.clearSite:
      return applyPolicy(withSite(siteFrom(msg), (choices) => { for (const k of Object.keys(choices)) delete choices[k]; }));
    case MSG.setKept: {
      const site = siteFrom(msg);
      const others = settings.policy.keep.filter((s) => s !== site);
      return applyPolicy({ ...settings.policy, keep: msg.kept ? [...others, site] : others });
    }
    case MSG.bannerOff:
      return { off: await isBannerOff(siteFrom(msg)) };
    case MSG.setBannerOff:
      return setBannerOff(siteFrom(msg), msg.off === true);
    case MSG.exportSettings:
      return settings.policy;
    case MSG.policyInForce:
      return enforced();
    case MSG.importSettings: {
      const checked = readImport(msg.settings);
      if (!checked.ok) throw new Refusal('invalid', checked.error);
      return applyChoice(checked.settings);
    }
    case MSG.getTabReport:
      return reportOf(msg.tabId);
    case MSG.getDecisionLog:
      return decisionsWithViolations();
    case MSG.getSiteRecord:
      return exportSiteRecord(siteFrom(msg), enforced());
    case MSG.previewSiteData: {
      const { site, suffixOnly } = await siteOfTab(msg);
      return { ...(await previewSiteData(site)), suffixOnly };
    }
    case MSG.deleteSiteData: {
      const { site } = await siteOfTab(msg);
      // Through the record queue: entries for the site queued before the deletion (during a start,
      // behind the restore) are written first and forgotten with the rest, not written after it.
      return { ...(await deleteSiteData(site)), record: await record(() => forgetSiteEvidence(site)) };
    }
    case MSG.previewSiteElsewhere:
    case MSG.deleteSiteElsewhere:
      return deleteElsewhere((await siteOfTab(msg)).site, msg.what === MSG.previewSiteElsewhere, onProgress);
    case MSG.undoRemoval:
      return restoreDeletedCookies(String(msg.undoId));
    case MSG.lastDeletion:
      return lastDeletionOf(siteFrom(msg));
    case MSG.sweepHandover:
      return openHandover();
    case MSG.sweepBatch:
      return acceptBatch(String(msg.handover), msg.cookies);
    case MSG.sweep:
      return sweepStoredCookies(enforced(), String(msg.handover), onProgress ?? undefined);
    case MSG.applySweep:
      return applySweep(String(msg.id), enforced(), onProgress ?? undefined);
    case MSG.cancelSweep:
      return cancelSweep();
    case MSG.undoSiteElsewhere:
      return undoElsewhere(msg.ids);
    default:
      throw new Refusal('unknown_message', `unknown message ${JSON.stringify(msg?.what)}`);
  }
}

// Every request of a page is answered in the one reply shape (reply.js).
const answer = (msg, onProgress) => started.then(() => handleMessage(msg, onProgress)).then(success, failure);

// Only the extension's own pages ask; content scripts may only report, but for the cookie-banner
// answerer's one question (its rules and the choice on the tab's site).
const isOwnPage = (sender) => sender.id === chrome.runtime.id && Boolean(sender.url?.startsWith(chrome.runtime.getURL('')));

// The guard's blocked writes, relayed from a tab: explained with the engine and added to the tab's report.
// The page can forge these reports: acceptWrites bounds what one tab may add (guard-report.js).
function recordGuardBlocks(msg, sender) {
  if (!Array.isArray(msg.writes) || !sender.tab) return;
  // A same-origin about:blank frame reports with the URL about:blank: its origin names the host.
  let host = '';
  try { host = new URL(sender.origin && sender.origin !== 'null' ? sender.origin : sender.url).hostname; } catch { return; }
  if (!host) return;
  const writes = acceptWrites(sender.tab.id, msg.writes).map((w) => {
    const d = decideCookieSafely({ name: w.name, domain: host, topUrl: sender.tab.url ?? sender.url, source: 'script' });
    return { ...w, host, category: d?.category ?? 'unknown', vendor: d?.vendor ?? '', rule: d?.rule };
  });
  if (!writes.length) return;
  noteCookieWrites(sender.tab.id, writes);
  for (const w of writes) {
    log({ kind: 'cookie', site: siteOf(host), url: host, frameUrl: sender.url, name: w.name, category: w.category, vendor: w.vendor, rule: w.rule,
      action: 'block', by: w.how });
  }
}

chrome.runtime.onMessage.addListener((msg, sender, sendResponse) => {
  if (sender.id !== chrome.runtime.id) return false;
  if (sender.tab && msg?.what === MSG.guardBlocked) {
    ready.then(() => record(() => recordGuardBlocks(msg, sender)));
    return false;
  }
  // What the site's own TCF CMP recorded (content/tcf-reporter.js, top frame only).
  if (sender.tab && sender.frameId === 0 && msg?.what === MSG.cmpRecord) {
    keepCmpRecord(siteOfUrl(sender.url ?? ''), msg.tcData, sender.url ?? '');
    return false;
  }
  // The cookie-banner answerer of any frame: its rules and the choice, then its outcome.
  if (sender.tab && msg?.what === MSG.bannerSetup) {
    ready.then(() => bannerSetup(enforced(), siteOfUrl(sender.tab.url ?? ''), sender.url ?? '', sender.frameId === 0))
      .then(success, failure).then(sendResponse);
    return true;
  }
  if (sender.tab && msg?.what === MSG.bannerOutcome) {
    ready.then(async () => {
      const outcome = await bannerOutcome(msg, enforced(), siteOfUrl(sender.tab.url ?? ''));
      if (outcome) record(() => noteBannerOutcome(sender.tab.id, outcome));
      if (outcome?.outcome !== 'answered') return;
      // The CMP's own record of the answer, read back and compared with the choice (consent-checks.js).
      const frame = { tabId: sender.tab.id, frameId: sender.frameId ?? 0, url: sender.url ?? '' };
      const check = await checkAnsweredBanner(outcome, frame, choiceOn(enforced(), outcome.site))
        .catch((e) => ({ at: Date.now(), cmp: outcome.cmp, error: e.message }));
      if (check) record(() => noteBannerOutcome(sender.tab.id, { ...outcome, check }));
    });
    return false;
  }
  if (!isOwnPage(sender)) return false;
  answer(msg, null).then(sendResponse);
  return true;
});

// A request whose progress the page shows (the native host's delete_site) comes over a port the
// page opens: the progress reaches that page alone, then the reply; a page closed meanwhile only
// stops hearing it.
chrome.runtime.onConnect.addListener((port) => {
  if (port.name !== REQUEST_PORT || !isOwnPage(port.sender)) {
    port.disconnect();
    return;
  }
  const post = (message) => { try { port.postMessage(message); } catch { /* the page was closed */ } };
  port.onMessage.addListener((msg) => {
    answer(msg, (progress) => post({ progress })).then(post);
  });
});
