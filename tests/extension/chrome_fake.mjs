// The smallest chrome.* the extension's pure modules touch at import time (storage, runtime), kept
// in memory. Installed on globalThis before those modules are imported. `sessionQuotaBytes` makes
// session storage refuse a write that would take it past that many bytes (keys + JSON values), as
// the browsers' storage.session does at its quota.
export function installChromeFake({ sessionQuotaBytes = Infinity } = {}) {
  const area = (quotaBytes = Infinity) => {
    const data = new Map();
    const bytesWith = (items) => {
      const next = new Map([...data, ...Object.entries(items)]);
      return [...next].reduce((sum, [k, v]) => sum + k.length + JSON.stringify(v).length, 0);
    };
    return {
      data,
      // A key, a list of keys or null (everything), as the real API takes them.
      async get(keys) {
        const wanted = keys === null ? [...data.keys()] : [keys].flat();
        return Object.fromEntries(wanted.filter((k) => data.has(k)).map((k) => [k, structuredClone(data.get(k))]));
      },
      async set(items) {
        if (bytesWith(items) > quotaBytes) throw new Error('Session storage quota bytes exceeded. Values were not stored.');
        for (const [k, v] of Object.entries(items)) data.set(k, structuredClone(v));
      },
      async remove(keys) { for (const k of [keys].flat()) data.delete(k); },
    };
  };
  globalThis.chrome = {
    storage: { local: area(), session: area(sessionQuotaBytes) },
    runtime: { id: 'test', getURL: (p) => `chrome-extension://test/${p}` },
  };
  return globalThis.chrome;
}
