// Settings written before the policy object (extension versions up to 0.1.0): stored under the
// key "settings" and exported as {format: 'cookiewarden-settings', version: 1, chosen, defaults,
// unknownThirdParty, sites}. There a category missing from defaults meant "block" and, until the
// person had chosen, necessary only applied whatever the stored defaults said; both meanings are
// written out explicitly here, so the policy decides exactly as the old settings did.
import { CHOOSABLE } from './categories.js';
import { NECESSARY_ONLY, parsePolicy } from './policy.js';

const OLD_KEYS = ['format', 'version', 'chosen', 'defaults', 'unknownThirdParty', 'sites'];
// Every object the old code stored or exported carries at least one of these; a policy never does.
const OLD_MARKERS = ['format', 'version', 'chosen', 'unknownThirdParty'];

export function isOldSettings(input) {
  return Boolean(input) && typeof input === 'object' && !Array.isArray(input) && OLD_MARKERS.some((k) => k in input);
}

// {ok, policy, chosen} | {ok: false, error}, for an object isOldSettings() recognised.
export function migrateOldSettings(old) {
  const unknownKey = Object.keys(old).find((k) => !OLD_KEYS.includes(k));
  if (unknownKey !== undefined) return { ok: false, error: `unknown key '${unknownKey}' in an old settings export` };
  const unknown = old.unknownThirdParty ?? 'allow';
  if (unknown !== 'allow' && unknown !== 'block') return { ok: false, error: 'unknownThirdParty must be "allow" or "block"' };
  const chosen = old.chosen !== false;
  const parsed = parsePolicy({ defaults: old.defaults, sites: old.sites, unknown_third_party: unknown });
  if (!parsed.ok) return parsed;
  const { policy } = parsed;
  const missingMeantBlock = Object.fromEntries(CHOOSABLE.map((c) => [c, policy.defaults[c] ?? 'block']));
  policy.defaults = chosen ? missingMeantBlock : { ...NECESSARY_ONLY };
  return { ok: true, policy, chosen };
}
