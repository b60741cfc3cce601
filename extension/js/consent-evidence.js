// The evidence kept for each site's consent-violation record: the decision log's entries with
// whether each is a violation, the site's record for export, and its removal with the site's data.
import { CHOOSABLE } from './categories.js';
import { allCmpRecords, cmpRecordsOf, forgetCmpRecords } from './cmp-records.js';
import { consentCheckOf, forgetConsentCheck } from './consent-checks.js';
import { forgetSiteLog, recentDecisions } from './decision-log.js';
import { actionFor } from './policy.js';
import { siteRecord } from './site-record.js';
import { isViolation } from './violations.js';

// The person's choice in force on a site: {functional: 'allow'|'block', ...}.
export function choiceOn(policy, site) {
  return Object.fromEntries(CHOOSABLE.map((c) => [c, actionFor(policy, site || null, c)]));
}

// Every log entry, newest first, each with `violation`.
export async function decisionsWithViolations() {
  const records = await allCmpRecords();
  return recentDecisions().map((e) => ({ ...e, violation: isViolation(e, records[e.site] ?? []) }));
}

async function browserVersion() {
  if (typeof chrome.runtime.getBrowserInfo === 'function') {
    const info = await chrome.runtime.getBrowserInfo();
    return { name: info.name, version: info.version };
  }
  const brand = navigator.userAgentData?.brands?.find((b) => !/not.?a.?brand/i.test(b.brand) && b.brand !== 'Chromium');
  return { name: brand?.brand ?? 'Chromium', version: navigator.userAgent.match(/Chrom(?:e|ium)\/([\d.]+)/)?.[1] ?? 'unknown' };
}

// The site's record (site-record.js) under the policy in force.
export async function exportSiteRecord(site, policy) {
  const manifest = chrome.runtime.getManifest();
  return siteRecord({ site, entries: recentDecisions(site), cmpRecords: await cmpRecordsOf(site), bannerCheck: await consentCheckOf(site),
    choice: choiceOn(policy, site), browser: await browserVersion(), extension: { name: manifest.name, version: manifest.version } });
}

// "Delete site data": the site's log entries, CMP records and banner check go with it.
export async function forgetSiteEvidence(site) {
  return { logEntries: await forgetSiteLog(site), cmpRecords: await forgetCmpRecords(site), consentChecks: await forgetConsentCheck(site) };
}
