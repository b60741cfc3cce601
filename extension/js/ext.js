// chrome.storage for the settings, the logs, the reports and the kept cookies (serve-pairing.js
// keeps its token with the API directly). Firefox exposes the same promise-based `chrome.*`
// namespace in MV3, so one wrapper serves both browsers. Reads and writes swallow the failures the
// platform produces while a worker is shutting down and report them as a missing value instead.
const api = globalThis.chrome;

async function areaRead(area, key) {
  try {
    const bin = await api.storage[area].get(key);
    return bin?.[key];
  } catch {
    return undefined;
  }
}

// {key: value} of the keys found; {} when the area cannot be read.
async function areaReadAll(area, keys) {
  try {
    return (await api.storage[area]?.get(keys)) ?? {};
  } catch {
    return {};
  }
}

async function areaWrite(area, key, value) {
  try {
    await api.storage[area].set({ [key]: value });
    return true;
  } catch {
    return false;
  }
}

async function areaRemove(area, key) {
  try {
    await api.storage[area]?.remove(key);
    return true;
  } catch {
    // the worker is shutting down: its session copies go with it
    return false;
  }
}

export const localRead = (key) => areaRead('local', key);
export const localWrite = (key, value) => areaWrite('local', key, value);
export const localRemove = (key) => areaRemove('local', key);
// The organisation's policy, read only: {} when there is none (Firefox rejects when it has no
// managed storage manifest for the extension).
export async function managedReadAll() {
  try {
    return (await api.storage.managed?.get(null)) ?? {};
  } catch {
    return {};
  }
}

export const sessionRead = (key) => (api.storage.session ? areaRead('session', key) : Promise.resolve(undefined));
export const sessionWrite = (key, value) => (api.storage.session ? areaWrite('session', key, value) : Promise.resolve(false));
export const sessionRemove = (keys) => areaRemove('session', keys);

// Persisted state is mirrored in session storage, so that a worker that woke up finds it there.
// Both areas are read at once, each in one call for all the keys: a start that finds nothing in
// session storage (the browser's start, or a person who never chose) then takes one storage round
// trip, not one per area and key. Writes go through one promise chain so that two handlers saving
// at once never interleave their read-modify-write. Session storage is shared with the logs and
// may be full: a mirror that could not be written is removed, so that a woken worker reads the
// local copy and never an older mirror. Resolves to whether the local copy was written.
let pendingWrite = Promise.resolve();

// {key: value} of `keys` (a key stored nowhere is absent), the session copy first. A local value
// missing from session storage is mirrored there through the writes' chain, which orders it before
// any later write of the key.
export async function mirroredRead(keys) {
  const [fromSession, fromLocal] = await Promise.all([areaReadAll('session', keys), areaReadAll('local', keys)]);
  const values = {};
  for (const key of keys) {
    if (fromSession[key] !== undefined) values[key] = fromSession[key];
    else if (fromLocal[key] !== undefined) {
      values[key] = fromLocal[key];
      pendingWrite = pendingWrite.then(() => sessionWrite(key, fromLocal[key]));
    }
  }
  return values;
}

export function mirroredWrite(key, value) {
  pendingWrite = pendingWrite.then(async () => {
    const [mirrored, stored] = await Promise.all([sessionWrite(key, value), localWrite(key, value)]);
    if (!mirrored && api.storage.session) await areaRemove('session', key);
    return stored;
  });
  return pendingWrite;
}

// Through the same chain as the writes, so a removal never overtakes a write queued before it.
export function mirroredRemove(key) {
  pendingWrite = pendingWrite.then(() => Promise.all([areaRemove('session', key), areaRemove('local', key)]));
  return pendingWrite;
}

export function runtimeUrl(path) {
  return api.runtime.getURL(path);
}
