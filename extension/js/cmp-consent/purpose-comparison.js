// A TC string's purposes against the person's choice, through the one category → purpose mapping
// (tcf-purposes.js): an allowed category's purposes must be consented; a refused category's must
// be neither consented nor left on legitimate interest (the person objects to it); purpose 1
// (storage and access) is consented exactly when some category is allowed.
import { purposesAllowedBy, purposesOf, STORAGE_PURPOSE, TCF_PURPOSES } from '../tcf-purposes.js';

export function purposeMismatches({ consents, legitimateInterests }, choice) {
  const consented = new Set(consents);
  const onInterest = new Set(legitimateInterests);
  const mismatches = [];
  for (const category of Object.keys(TCF_PURPOSES)) {
    const wanted = choice?.[category];
    for (const purpose of purposesOf(category)) {
      if (wanted === 'allow' && !consented.has(purpose)) mismatches.push({ category, purpose, choice: wanted, stored: 'not consented' });
      if (wanted !== 'block') continue;
      if (consented.has(purpose)) mismatches.push({ category, purpose, choice: wanted, stored: 'consented' });
      if (onInterest.has(purpose)) mismatches.push({ category, purpose, choice: wanted, stored: 'legitimate interest not objected' });
    }
  }
  const storageWanted = purposesAllowedBy(choice ?? {}).includes(STORAGE_PURPOSE);
  if (storageWanted !== consented.has(STORAGE_PURPOSE)) {
    mismatches.push({ category: null, purpose: STORAGE_PURPOSE, choice: storageWanted ? 'allow' : 'block', stored: storageWanted ? 'not consented' : 'consented' });
  }
  return mismatches;
}
