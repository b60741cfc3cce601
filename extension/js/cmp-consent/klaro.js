// klaro's record: its cookie (default name `klaro`) holds JSON of service name → consented. The
// page's config names each service's purposes ({name, purposes: [...]}, as window.klaroConfig or
// klaro.getManager().config.services has them), which say the category of each service. A category
// is accepted when all of its services are, refused when none is, partly otherwise; a service
// with no purpose of ours, or one the record does not name, is not compared.
import { categoryOfName } from './category-names.js';
import { storedJson } from './stored-value.js';

const SERVICE_LIMIT = 500;

function categoriesOfServices(services) {
  if (!Array.isArray(services)) throw new Error('klaro: the config names no services');
  const byName = new Map();
  for (const service of services.slice(0, SERVICE_LIMIT)) {
    if (typeof service?.name !== 'string' || !Array.isArray(service.purposes)) continue;
    const categories = service.purposes.map(categoryOfName).filter((c) => c && c !== 'necessary');
    if (categories.length) byName.set(service.name, categories);
  }
  return byName;
}

function stateOf(flags) {
  if (flags.every(Boolean)) return 'accepted';
  return flags.some(Boolean) ? 'partly' : 'refused';
}

export function decodeKlaro(value, { services } = {}) {
  const record = storedJson(value, 'klaro');
  if (!record || typeof record !== 'object' || Array.isArray(record)) throw new Error('klaro: not an object of services');
  const flags = {};
  for (const [name, categories] of categoriesOfServices(services)) {
    if (typeof record[name] !== 'boolean') continue;
    for (const category of categories) (flags[category] ??= []).push(record[name]);
  }
  return { categories: Object.fromEntries(Object.entries(flags).map(([c, f]) => [c, stateOf(f)])) };
}
