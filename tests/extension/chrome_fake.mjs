// The smallest chrome.* the extension's pure modules touch at import time (storage, runtime), kept
// in memory. Installed on globalThis before those modules are imported.
export function installChromeFake() {
  const area = () => {
    const data = new Map();
    return {
      data,
      async get(key) { return data.has(key) ? { [key]: structuredClone(data.get(key)) } : {}; },
      async set(items) { for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v)); },
      async remove(keys) { for (const k of [keys].flat()) data.delete(k); },
    };
  };
  globalThis.chrome = {
    storage: { local: area(), session: area() },
    runtime: { id: 'test', getURL: (p) => `chrome-extension://test/${p}` },
  };
  return globalThis.chrome;
}
