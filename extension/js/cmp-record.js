// What a site's own IAB TCF CMP recorded, as read in the page through __tcfapi('getTCData')
// (content/tcf-reader.js): kept per site beside the decision log, as evidence for the site's
// consent-violation record. The page hands this over and can write anything into it: only the
// fields below are kept, each checked and bounded.
import { clip } from './bounded-text.js';

const TC_STRING_LIMIT = 4096; // a TC string naming every GVL vendor is a few hundred characters
const ID_LIMIT = 2000; // the GVL numbers its vendors in the low thousands
const URL_LIMIT = 1024;

// {1: true, 2: false, ...} (TCData's shape) -> [1, ...]: the ids recorded true, ascending.
function idsTrue(map) {
  if (!map || typeof map !== 'object') return [];
  return Object.entries(map).filter(([id, on]) => on === true && /^\d{1,4}$/.test(id) && Number(id) > 0)
    .map(([id]) => Number(id)).sort((a, b) => a - b).slice(0, ID_LIMIT);
}

const smallInt = (n) => (Number.isInteger(n) && n >= 0 && n < 1e6 ? n : null);

// The record kept from a page's TCData, or null when it is not one.
export function cmpRecordOf(tcData, { at, pageUrl }) {
  if (!tcData || typeof tcData !== 'object' || typeof tcData.tcString !== 'string') return null;
  return {
    at,
    pageUrl: clip(pageUrl, URL_LIMIT),
    cmpId: smallInt(tcData.cmpId),
    cmpVersion: smallInt(tcData.cmpVersion),
    tcfPolicyVersion: smallInt(tcData.tcfPolicyVersion),
    gdprApplies: typeof tcData.gdprApplies === 'boolean' ? tcData.gdprApplies : null,
    eventStatus: clip(typeof tcData.eventStatus === 'string' ? tcData.eventStatus : '', 32),
    tcString: clip(tcData.tcString, TC_STRING_LIMIT),
    purposeConsents: idsTrue(tcData.purpose?.consents),
    purposeLegitimateInterests: idsTrue(tcData.purpose?.legitimateInterests),
    vendorConsents: idsTrue(tcData.vendor?.consents),
    vendorLegitimateInterests: idsTrue(tcData.vendor?.legitimateInterests),
  };
}

// Whether two records say the same thing (the CMP reports again on every event).
export function sameRecord(a, b) {
  return a.tcString === b.tcString && a.gdprApplies === b.gdprApplies && a.pageUrl === b.pageUrl;
}
