// Which refused attempts are consent violations: the extension stopped a cookie write or a load of
// a refused category, and the site's own TCF CMP had recorded every TCF purpose of that category
// (tcf-purposes.js) as refused — neither consented nor claimed as legitimate interest — yet the site
// tried anyway. Categories without TCF purposes (social media) and sites without a CMP record are
// never violations: the record only says what the site itself can be held to.
import { purposesOf } from './tcf-purposes.js';

// The CMP is read once the page is idle (content/tcf-reader.js), after the page's first scripts
// tried their writes: a record read within this long after an attempt still describes that page.
export const READ_DELAY_MS = 60_000;

// The CMP record in force at `at`: the newest read no later than READ_DELAY_MS after it.
export function recordInForce(records, at) {
  let found = null;
  for (const r of records) if (r.at <= at + READ_DELAY_MS && (!found || r.at > found.at)) found = r;
  return found;
}

// The purposes of the category the record refused, or null when the record does not refuse it
// whole (or does not apply: gdprApplies false).
export function refusedPurposes(record, category) {
  const purposes = purposesOf(category);
  if (!record || record.gdprApplies === false || !purposes.length) return null;
  const granted = new Set([...record.purposeConsents, ...record.purposeLegitimateInterests]);
  return purposes.every((p) => !granted.has(p)) ? purposes : null;
}

// Whether a log entry is a violation, given its site's CMP records.
export function isViolation(entry, records) {
  if (entry.action !== 'block') return false;
  return refusedPurposes(recordInForce(records, entry.at), entry.category) !== null;
}
