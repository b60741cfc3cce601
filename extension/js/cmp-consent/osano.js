// Osano's cookieconsent 3's record: `cookieconsent_status` is allow, deny or dismiss, for all of
// the site's cookies at once. dismiss is what its "info" banner (the library's default) records:
// the person was told, nothing was refused, and the site's cookies run, so no category is refused.
import { CHOOSABLE } from '../categories.js';
import { storedText } from './stored-value.js';

const STATES = Object.freeze({ allow: 'accepted', deny: 'refused', dismiss: 'not-refused' });

export function decodeOsano(value) {
  const state = STATES[storedText(value, 'cookieconsent_status')];
  if (!state) throw new Error(`cookieconsent_status: "${String(value).slice(0, 40)}" is not allow, deny or dismiss`);
  return { categories: Object.fromEntries(CHOOSABLE.map((c) => [c, state])) };
}
