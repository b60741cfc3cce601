// The check of a CMP's own record after its banner was answered: read back (stored-consent-reader.js),
// compared with the person's choice for the site (cmp-consent/), kept as the site's latest check in
// storage.local (one per site, the least recently checked sites dropped past MAX_SITES), and
// cleared with the site's data.
import { bannerRules } from './banner-answers.js';
import { verifyStoredConsent } from './cmp-consent/index.js';
import { localRead, localWrite } from './ext.js';
import { serialQueue } from './serial-queue.js';
import { readStoredConsent } from './stored-consent-reader.js';

const KEY = 'consentChecks';
export const MAX_SITES = 200;
const inTurn = serialQueue();

async function readAll() {
  const stored = await localRead(KEY);
  return stored && typeof stored === 'object' && !Array.isArray(stored) ? stored : {};
}

// {at, cmp, decoder, categories | purposes, mismatches} or {at, cmp, decoder, error}.
async function checkStoredConsent(rule, frame, choice, now = Date.now()) {
  const { value, config } = await readStoredConsent(rule.stored, frame);
  return { at: now, cmp: rule.id, ...verifyStoredConsent(rule.stored.decoder, value, choice, config) };
}

// After `outcome` (banner-answers.js) says the banner in `frame` was answered: the check of the
// rule's `stored` record, kept for the site; null for a rule that names no record.
export async function checkAnsweredBanner(outcome, frame, choice) {
  const rule = (await bannerRules()).find((r) => r.id === outcome.cmp);
  if (!rule?.stored?.decoder) return null;
  const check = await checkStoredConsent(rule, frame, choice);
  await keepConsentCheck(outcome.site, check);
  return check;
}

export function keepConsentCheck(site, check) {
  return inTurn(async () => {
    const all = await readAll();
    delete all[site];
    all[site] = check; // newest last: the first keys are the least recently checked
    for (const old of Object.keys(all).slice(0, Math.max(0, Object.keys(all).length - MAX_SITES))) delete all[old];
    await localWrite(KEY, all);
  });
}

export async function consentCheckOf(site) {
  return (await readAll())[site] ?? null;
}

export function forgetConsentCheck(site) {
  return inTurn(async () => {
    const all = await readAll();
    if (!(site in all)) return 0;
    delete all[site];
    await localWrite(KEY, all);
    return 1;
  });
}
