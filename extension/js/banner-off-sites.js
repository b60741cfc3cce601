// The sites where the person said "Don't answer cookie banners here". A list of its own in
// storage.local, not a key of the policy: the policy is the engine's shape (engine/policy.schema.json),
// parsed by the C++ engine and shared with the native host, which neither answer banners; a key
// there would make every older engine and host refuse the whole policy. Bounded at MAX_SITES: the
// switch is refused past it rather than forgetting an older site's choice without a word.
import { localRead, localWrite } from './ext.js';
import { isSiteName } from './policy.js';
import { Refusal } from './reply.js';
import { serialQueue } from './serial-queue.js';

const KEY = 'bannerOff';
export const MAX_SITES = 1000;
const inTurn = serialQueue();

async function readSites() {
  const stored = await localRead(KEY);
  return Array.isArray(stored) ? stored.filter(isSiteName) : [];
}

export async function isBannerOff(site) {
  return Boolean(site) && (await readSites()).includes(site);
}

// Resolves to {off, saved}; a Refusal when the list is full.
export function setBannerOff(site, off) {
  return inTurn(async () => {
    const others = (await readSites()).filter((s) => s !== site);
    if (off && others.length >= MAX_SITES) {
      throw new Refusal('full', `Banners are already left alone on ${MAX_SITES} sites: switch one of them back first.`);
    }
    const saved = await localWrite(KEY, off ? [...others, site] : others);
    return { off, saved };
  });
}
