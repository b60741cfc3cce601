// Which sites get the Global Privacy Control signal: those whose marketing choice is "block" (the
// policy that applies, policy.js). Shared by the background (gpc.js) and the popup.
import { actionFor } from './policy.js';

export function sendsGpc(policy, site) {
  return actionFor(policy, site || null, 'marketing') === 'block';
}

// {everywhere, sites}: with everywhere, GPC goes to every site but `sites`; otherwise only to them.
export function gpcScope(policy) {
  const everywhere = sendsGpc(policy, null);
  const sites = Object.keys(policy.sites).filter((site) => sendsGpc(policy, site) !== everywhere).sort();
  return { everywhere, sites };
}
