// The background's side of answering cookie banners (content/banner-answerer.js runs the steps):
// what a frame gets to run, and the outcome it reports, checked before the tab's report keeps it.
import { CHOOSABLE } from './categories.js';
import { isBannerOff } from './banner-off-sites.js';
import { allowedOn, loadBannerRules, pageRule, planFor } from './banner-rules.js';
import { clip } from './bounded-text.js';

const OUTCOMES = new Set(['answered', 'gave-up', 'off', 'none']);
const REASON_LIMIT = 300;
const MS_LIMIT = 600_000;

let loading = null;
const readJson = async (path) => (await fetch(chrome.runtime.getURL(path))).json();
// The packaged rules, read once per background start.
export const bannerRules = () => (loading ??= loadBannerRules(readJson));

// The main frame gets every rule; another frame only the rules that ask for frames like it.
const runsIn = (rule, frameUrl, isTop) => isTop || (rule.frames === true && Boolean(rule.frameUrl) && frameUrl.includes(rule.frameUrl));

// {off, allowed, rules}: `site` is the tab's (the choice of the page the person sees applies in its frames).
export async function bannerSetup(policy, site, frameUrl, isTop) {
  const rules = site ? (await bannerRules()).filter((rule) => runsIn(rule, frameUrl, isTop)) : [];
  const allowed = allowedOn(policy, site);
  return { off: rules.length > 0 && (await isBannerOff(site)), allowed, rules: rules.map((rule) => pageRule(rule, allowed)) };
}

// The outcome a page reported, checked and described, or null for what no runner sends.
export async function bannerOutcome(msg, policy, site) {
  if (!site || !OUTCOMES.has(msg?.outcome)) return null;
  const rules = await bannerRules();
  const rule = rules.find((r) => r.id === msg.cmp) ?? null;
  if (!rule && msg.outcome !== 'none') return null;
  const allowed = allowedOn(policy, site);
  const plan = rule ? planFor(rule, allowed) : null;
  const ms = msg.outcome === 'answered' && Number.isFinite(msg.ms) ? Math.min(MS_LIMIT, Math.max(0, Math.round(msg.ms))) : null;
  return {
    at: Date.now(), site, outcome: msg.outcome, cmp: rule?.id ?? null, name: rule?.name ?? null,
    reason: msg.outcome === 'gave-up' ? clip(msg.reason, REASON_LIMIT) : '', ms,
    kind: plan?.kind ?? null, allOrNothing: plan?.allOrNothing ?? false,
    allowed: CHOOSABLE.filter((c) => allowed[c]), rulesChecked: rules.map((r) => r.id),
  };
}
