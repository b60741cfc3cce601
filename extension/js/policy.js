// The policy object: the one shape the engine parses (engine/include/warden/policy.h), described by
// engine/policy.schema.json, stored, exported and imported unchanged:
//   {defaults: {category: 'allow'|'block'}, sites: {site: {category: ...}}, unknown_third_party, keep: [site]}
// A category missing from defaults is allowed, as in the engine. parsePolicy refuses what the engine
// refuses, with the same messages: both are tested against tests/fixtures/policy.
import { CHOOSABLE } from './categories.js';

const ACTIONS = new Set(['allow', 'block']);
const KEYS = ['defaults', 'sites', 'unknown_third_party', 'keep'];
const DEFAULT_CATEGORIES = new Set(['necessary', ...CHOOSABLE]);
const SITE_CATEGORIES = new Set([...DEFAULT_CATEGORIES, 'unknown']);

export const NECESSARY_ONLY = Object.freeze(Object.fromEntries(CHOOSABLE.map((c) => [c, 'block'])));

// What applies until the person chooses: the seed policy's recommendation.
export function freshPolicy() {
  return { defaults: { ...NECESSARY_ONLY }, sites: {}, unknown_third_party: 'allow', keep: [] };
}

// A site key is a registrable domain in ASCII (punycode): lower-case labels, at least one dot (the
// schema's "site" pattern).
const SITE_RE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9][a-z0-9-]{0,61}[a-z0-9]$/;

export function isSiteName(name) {
  return typeof name === 'string' && name.length <= 253 && SITE_RE.test(name);
}

const isObject = (v) => Boolean(v) && typeof v === 'object' && !Array.isArray(v);
const siteNameError = (where, name) => `${where}: '${name}' is not a site name such as shop.example`;

// {choices} | {error}; `categories` are the keys allowed where.
function readChoices(input, where, categories) {
  if (!isObject(input)) return { error: `${where} must be an object of category: "allow"|"block"` };
  const choices = {};
  for (const [category, action] of Object.entries(input)) {
    if (!SITE_CATEGORIES.has(category)) return { error: `${where}: unknown category '${category}'` };
    if (!categories.has(category)) return { error: `${where}.unknown: unclassified third parties are set by unknown_third_party` };
    if (!ACTIONS.has(action)) return { error: `${where}.${category} must be "allow" or "block"` };
    if (category === 'necessary' && action === 'block') return { error: `${where}.necessary: necessary can never be blocked` };
    choices[category] = action;
  }
  return { choices };
}

function readSites(input) {
  if (!isObject(input)) return { error: 'sites must be an object keyed by site' };
  const sites = {};
  for (const [site, value] of Object.entries(input)) {
    if (!isSiteName(site)) return { error: siteNameError('sites', site) };
    const { choices, error } = readChoices(value, `sites.${site}`, SITE_CATEGORIES);
    if (error) return { error };
    if (Object.keys(choices).length) sites[site] = choices;
  }
  return { sites };
}

function readKeep(input) {
  if (!Array.isArray(input)) return { error: 'keep must be a list of sites' };
  const bad = input.find((site) => !isSiteName(site));
  if (bad !== undefined) return { error: siteNameError('keep', typeof bad === 'string' ? bad : JSON.stringify(bad)) };
  return { keep: [...new Set(input)].sort() };
}

// Checks a policy from storage, a file or a page; never throws. {ok, policy} | {ok: false, error}.
// The policy returned is a normalised copy: every key present, empty site entries and repeated
// kept sites dropped.
export function parsePolicy(input) {
  if (!isObject(input)) return { ok: false, error: 'the policy must be a JSON object' };
  const unknownKey = Object.keys(input).find((k) => !KEYS.includes(k));
  if (unknownKey !== undefined) {
    return { ok: false, error: `unknown policy key '${unknownKey}' (the keys are ${KEYS.join(', ')})` };
  }
  const defaults = readChoices(input.defaults ?? {}, 'defaults', DEFAULT_CATEGORIES);
  if (defaults.error) return { ok: false, error: defaults.error };
  const sites = readSites(input.sites ?? {});
  if (sites.error) return { ok: false, error: sites.error };
  const unknown = input.unknown_third_party ?? 'allow';
  if (!ACTIONS.has(unknown)) return { ok: false, error: 'unknown_third_party must be "allow" or "block"' };
  const keep = readKeep(input.keep ?? []);
  if (keep.error) return { ok: false, error: keep.error };
  return { ok: true, policy: { defaults: defaults.choices, sites: sites.sites, unknown_third_party: unknown, keep: keep.keep } };
}

// The action for one category on one site (null: the default), as the engine's Policy::action_for.
export function actionFor(policy, site, category) {
  if (category === 'necessary') return 'allow';
  const override = site ? policy.sites[site]?.[category] : undefined;
  if (override) return override;
  return category === 'unknown' ? policy.unknown_third_party : policy.defaults[category] ?? 'allow';
}

// The categories allowed on a site (or by default when site is null), as a guard policy id.
export function guardPolicyId(policy, site) {
  return 'p' + CHOOSABLE.map((c) => (actionFor(policy, site, c) === 'allow' ? '1' : '0')).join('');
}

// ---- the organisation's policy (storage.managed, managed-policy.js) --------------------------------
// The same shape plus `locked`. Only the keys it names take part: a missing unknown_third_party
// leaves the person's.

// {ok, managed: {defaults, sites, unknown_third_party?, keep, locked}} | {ok: false, error}.
export function parseManaged(input) {
  if (!isObject(input)) return { ok: false, error: 'the managed policy must be a JSON object' };
  const { locked = false, ...rest } = input;
  if (typeof locked !== 'boolean') return { ok: false, error: 'locked must be true or false' };
  const checked = parsePolicy(rest);
  if (!checked.ok) return checked;
  const managed = { ...checked.policy, locked };
  if (rest.unknown_third_party === undefined) delete managed.unknown_third_party;
  return { ok: true, managed };
}

// Whether the organisation fixed one choice (site null: the default). A category it sets by
// default is fixed on every site, or a person's site override would undo it.
export function lockedBy(managed, site, category) {
  if (!managed?.locked) return false;
  if (site && managed.sites[site]?.[category]) return true;
  return category === 'unknown' ? managed.unknown_third_party !== undefined : managed.defaults[category] !== undefined;
}

// The policy that applies: one merge, everywhere. Locked, the organisation's choices win and the
// person's overrides of its default categories are dropped; unlocked, they are where the person
// starts: its defaults until the person first chooses, its site choices where the person set none.
// Kept sites add up: a site the organisation keeps stays kept.
export function effectivePolicy(personal, chosen, managed) {
  if (!managed) return personal;
  const orgFirst = managed.locked || !chosen;
  const sites = {};
  for (const site of new Set([...Object.keys(personal.sites), ...Object.keys(managed.sites)])) {
    const mine = Object.fromEntries(Object.entries(personal.sites[site] ?? {}).filter(([c]) => !lockedBy(managed, null, c)));
    const choices = managed.locked ? { ...mine, ...managed.sites[site] } : { ...managed.sites[site], ...mine };
    if (Object.keys(choices).length) sites[site] = choices;
  }
  return {
    defaults: orgFirst ? { ...personal.defaults, ...managed.defaults } : { ...managed.defaults, ...personal.defaults },
    sites,
    unknown_third_party: (orgFirst && managed.unknown_third_party) || personal.unknown_third_party,
    keep: [...new Set([...personal.keep, ...managed.keep])].sort(),
  };
}

// The organisation's action for a choice it locks (lockedBy), as effectivePolicy applies it.
function organisationAction(managed, site, category) {
  const byDefault = category === 'unknown' ? managed.unknown_third_party : managed.defaults[category];
  return (site && managed.sites[site]?.[category]) || byDefault;
}

// What a change of the person's policy asks against a locked organisation policy: a sentence for
// the page, or null. Only a locked choice set to another action than the organisation's counts:
// the pages send back the actions in force (the organisation's), and dropping a person's override
// of a locked choice changes nothing that applies.
export function lockedChange(managed, before, after) {
  if (!managed?.locked) return null;
  const against = (site, category, action) => action !== undefined && lockedBy(managed, site, category)
    && action !== organisationAction(managed, site, category);
  const changed = (a = {}, b = {}) => Object.keys(b).filter((c) => a[c] !== b[c]);
  const found = [
    ...changed(before.defaults, after.defaults).filter((c) => against(null, c, after.defaults[c])).map((c) => `the default for ${c}`),
    ...(before.unknown_third_party !== after.unknown_third_party && against(null, 'unknown', after.unknown_third_party) ? ['unknown third parties'] : []),
    ...Object.keys(after.sites).flatMap((site) => changed(before.sites[site], after.sites[site])
      .filter((c) => against(site, c, after.sites[site][c])).map((c) => `${c} on ${site}`)),
  ];
  return found.length ? `Set by your organisation, not changed: ${found.join(', ')}` : null;
}
