// The organisation's policy: chrome.storage.managed, filled by the browser from its enterprise
// policy (Chromium: 3rdparty.extensions.<id>; Firefox: policies.json or a managed storage
// manifest; extension/README.md) and checked like every policy (policy.js parseManaged). A policy
// that does not check out is not applied; its error is shown, and the person's settings apply.
import { managedReadAll } from './ext.js';
import { parseManaged } from './policy.js';

// {managed, error}: managed is null when there is no policy or it was refused.
export async function readManaged() {
  const raw = await managedReadAll();
  if (!Object.keys(raw).length) return { managed: null, error: null };
  const checked = parseManaged(raw);
  if (checked.ok) return { managed: checked.managed, error: null };
  console.warn(`Cookie Warden: the organisation's policy is refused (${checked.error})`);
  return { managed: null, error: `Your organisation's policy is not applied: ${checked.error}` };
}
