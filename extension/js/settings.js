// The person's consent settings: a default per category, per-site overrides, and whether they have
// chosen yet. Until they choose, "necessary only" applies (the seed policy's recommendation).
// Stored under one key, mirrored in session + local storage (ext.js).
import { CHOOSABLE } from './categories.js';
import { mirroredRead, mirroredWrite } from './ext.js';

const KEY = 'settings';
const ACTIONS = new Set(['allow', 'block']);

export const NECESSARY_ONLY = Object.freeze(Object.fromEntries(CHOOSABLE.map((c) => [c, 'block'])));

export function freshSettings() {
  return { version: 1, chosen: false, defaults: { ...NECESSARY_ONLY }, unknownThirdParty: 'allow', sites: {} };
}

export async function loadSettings() {
  const stored = await mirroredRead(KEY);
  const checked = stored && validateSettings(stored);
  return checked?.ok ? checked.settings : freshSettings();
}

export function saveSettings(settings) {
  return mirroredWrite(KEY, settings);
}

export function effectiveDefaults(settings) {
  return settings.chosen ? settings.defaults : NECESSARY_ONLY;
}

// The action for one category on one site: the site's override, else the default.
export function actionFor(settings, site, category) {
  if (category === 'necessary') return 'allow';
  return settings.sites[site]?.[category] ?? effectiveDefaults(settings)[category] ?? 'allow';
}

// The categories allowed on a site (or by default when site is null), as a guard policy id.
export function guardPolicyId(settings, site) {
  return 'p' + CHOOSABLE.map((c) => (actionFor(settings, site, c) === 'allow' ? '1' : '0')).join('');
}

// The engine's policy JSON (engine/include/warden/policy.h).
export function toEnginePolicy(settings) {
  return {
    defaults: { necessary: 'allow', ...effectiveDefaults(settings) },
    unknown_third_party: settings.unknownThirdParty,
    sites: settings.sites,
  };
}

function validChoices(choices) {
  if (!choices || typeof choices !== 'object' || Array.isArray(choices)) return null;
  const out = {};
  for (const [category, action] of Object.entries(choices)) {
    if (!CHOOSABLE.includes(category) || !ACTIONS.has(action)) return null;
    out[category] = action;
  }
  return out;
}

// A site key is a registrable domain in ASCII (punycode): lower-case labels, at least one dot.
const SITE_RE = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;

// Checks settings from storage or an imported file; never throws. {ok, settings} | {ok:false, error}.
export function validateSettings(input) {
  if (!input || typeof input !== 'object') return { ok: false, error: 'settings must be a JSON object' };
  const defaults = validChoices(input.defaults ?? {});
  if (!defaults) return { ok: false, error: 'defaults: each category must be "allow" or "block"' };
  const sites = {};
  for (const [site, choices] of Object.entries(input.sites ?? {})) {
    if (!SITE_RE.test(site)) return { ok: false, error: `sites: "${site}" is not a site name such as shop.example` };
    const valid = validChoices(choices);
    if (!valid) return { ok: false, error: `sites.${site}: each category must be "allow" or "block"` };
    if (Object.keys(valid).length) sites[site] = valid;
  }
  const unknown = input.unknownThirdParty ?? 'allow';
  if (!ACTIONS.has(unknown)) return { ok: false, error: 'unknownThirdParty must be "allow" or "block"' };
  return {
    ok: true,
    settings: { version: 1, chosen: input.chosen !== false, defaults: { ...NECESSARY_ONLY, ...defaults }, unknownThirdParty: unknown, sites },
  };
}
