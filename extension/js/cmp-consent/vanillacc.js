// vanilla-cookieconsent 3's record: its `cc_cookie` holds JSON whose `categories` lists the
// categories accepted and whose `services` has a key for every category the site configured, so a
// configured category missing from `categories` is refused.
import { categoryOfName } from './category-names.js';
import { storedJson } from './stored-value.js';

export function decodeVanillacc(value) {
  const record = storedJson(value, 'cc_cookie');
  if (!Array.isArray(record?.categories)) throw new Error('cc_cookie: no list of categories');
  const configured = record.services && typeof record.services === 'object' ? Object.keys(record.services) : [];
  const categories = {};
  for (const name of new Set([...configured, ...record.categories])) {
    const category = categoryOfName(name);
    if (!category || category === 'necessary') continue;
    categories[category] = record.categories.includes(name) ? 'accepted' : 'refused';
  }
  return { categories };
}
