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

// Persisted state is mirrored in session storage: a session hit means the worker woke up, so the
// slower local read is skipped. Writes go through one promise chain so that two handlers saving
// at once never interleave their read-modify-write. Session storage is shared with the logs and
// may be full: a mirror that could not be written is removed, so that a woken worker reads the
// local copy and never an older mirror. Resolves to whether the local copy was written.
let pendingWrite = Promise.resolve();

export async function mirroredRead(key) {
  const fromSession = await sessionRead(key);
  if (fromSession !== undefined) return fromSession;
  const fromLocal = await localRead(key);
  if (fromLocal !== undefined) await sessionWrite(key, fromLocal);
  return fromLocal;
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
