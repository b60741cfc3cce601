// A site's consent-violation record, as exported (JSON) and printed (pages/report.html): the
// refused cookie writes and loads the extension stopped on the site, each with the person's choice
// in force and the site's own CMP record in force, and whether it is a violation (violations.js).
// The format is extension/schemas/site-record.schema.json: a change to it is a new `version`.
import { TCF_PURPOSES, STORAGE_PURPOSE, purposesOf } from './tcf-purposes.js';
import { recordInForce, refusedPurposes } from './violations.js';

export const RECORD_VERSION = 1;
export const RECORD_SCHEMA_ID = 'https://cookiewarden.org/schemas/site-record-1.schema.json';

const iso = (ms) => new Date(ms).toISOString();

function attemptOf(entry, cmpRecords) {
  const record = recordInForce(cmpRecords, entry.at);
  return {
    at: iso(entry.at),
    kind: entry.kind,
    name: entry.kind === 'cookie' ? entry.name ?? '' : null,
    url: entry.url,
    frameUrl: entry.frameUrl ?? null,
    requestType: entry.type ?? null,
    category: entry.category,
    vendor: entry.vendor || null,
    rule: entry.rule || null,
    enforcedBy: entry.by ?? null,
    choice: entry.choice ?? null,
    tcfPurposes: [...purposesOf(entry.category)],
    cmpRecord: record ? cmpRecords.indexOf(record) : null,
    violation: refusedPurposes(record, entry.category) !== null,
  };
}

// entries: the site's decision-log entries; cmpRecords: its CMP records, oldest first; bannerCheck:
// the latest check of what its CMP stored after its banner was answered (consent-checks.js), or null.
export function siteRecord({ site, entries, cmpRecords, bannerCheck = null, choice, browser, extension, now = Date.now() }) {
  const attempts = entries.filter((e) => e.action === 'block').sort((a, b) => a.at - b.at).map((e) => attemptOf(e, cmpRecords));
  return {
    $schema: RECORD_SCHEMA_ID,
    version: RECORD_VERSION,
    site,
    generatedAt: iso(now),
    browser,
    extension,
    choice,
    tcfPurposeMapping: { storage: STORAGE_PURPOSE, ...Object.fromEntries(Object.entries(TCF_PURPOSES).map(([c, p]) => [c, [...p]])) },
    cmpRecords: cmpRecords.map((r) => ({ ...r, at: iso(r.at), lastSeen: iso(r.lastSeen ?? r.at) })),
    bannerCheck: bannerCheck && { ...bannerCheck, at: iso(bannerCheck.at) },
    attempts,
    summary: { attempts: attempts.length, violations: attempts.filter((a) => a.violation).length },
  };
}
