// The person's settings: the policy object (policy.js) and whether they have chosen yet. Until they
// choose, the fresh policy ("necessary only") applies. Each is stored under its own key, mirrored in
// session + local storage (ext.js); settings of the shape before the policy object, under the key
// "settings", become the new shape on the first load (settings-migration.js).
import { mirroredRead, mirroredRemove, mirroredWrite } from './ext.js';
import { freshPolicy, parsePolicy } from './policy.js';
import { isOldSettings, migrateOldSettings } from './settings-migration.js';

const POLICY_KEY = 'policy';
const CHOSEN_KEY = 'chosen';
const OLD_KEY = 'settings';

export function freshSettings() {
  return { policy: freshPolicy(), chosen: false };
}

// A stored value that does not check out is left where it is (nothing lost) and necessary only
// applies until the person saves a choice.
async function migrateStored(old) {
  if (old === undefined) return freshSettings();
  const migrated = isOldSettings(old) ? migrateOldSettings(old) : { ok: false, error: 'not the old settings shape' };
  if (!migrated.ok) {
    console.warn(`Cookie Warden: stored settings not migrated (${migrated.error}); necessary only applies`);
    return freshSettings();
  }
  const settings = { policy: migrated.policy, chosen: migrated.chosen };
  // The old key goes only once the new one is stored: a full storage must not lose the choice.
  if (await saveSettings(settings)) await mirroredRemove(OLD_KEY);
  return settings;
}

export async function loadSettings() {
  const { [POLICY_KEY]: policy, [CHOSEN_KEY]: chosen, [OLD_KEY]: old } = await mirroredRead([POLICY_KEY, CHOSEN_KEY, OLD_KEY]);
  if (policy === undefined) return migrateStored(old);
  const checked = parsePolicy(policy);
  if (checked.ok) return { policy: checked.policy, chosen: chosen === true };
  console.warn(`Cookie Warden: the stored policy is refused (${checked.error}); necessary only applies`);
  return freshSettings();
}

// Resolves to whether both keys reached storage.local, the copy that survives a restart.
export async function saveSettings({ policy, chosen }) {
  const stored = await Promise.all([mirroredWrite(POLICY_KEY, policy), mirroredWrite(CHOSEN_KEY, chosen)]);
  return stored.every(Boolean);
}

// An imported file: a policy, or an old settings export (which keeps its own "chosen"). An import
// is otherwise a choice. {ok, settings} | {ok: false, error}.
export function readImport(input) {
  if (isOldSettings(input)) {
    const migrated = migrateOldSettings(input);
    return migrated.ok ? { ok: true, settings: { policy: migrated.policy, chosen: migrated.chosen } } : migrated;
  }
  const checked = parsePolicy(input);
  return checked.ok ? { ok: true, settings: { policy: checked.policy, chosen: true } } : checked;
}
