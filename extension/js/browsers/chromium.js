// What Chromium (and Edge) do their own way, for browser-overlay.js; firefox.js and safari.js have
// the same names.
import { applyDnr } from '../dnr-enforcer.js';
import { syncGpc } from '../gpc.js';

export const chromium = Object.freeze({
  name: 'chromium',
  // runtime.connectNative reaches a host `cookiewarden install` registered.
  nativeMessaging: true,
  // The browser blocks by itself, with declarativeNetRequest rules compiled by the engine:
  // webRequest only observes.
  blocksLive: false,
  requestListenerOptions: [],
  enforceNetwork: (engine, policy) => applyDnr(engine, policy),
  // Sec-GPC comes from DNR session rules, which end with the browser: set again at start-up.
  syncGpc: (policy) => syncGpc(policy, { useDnr: true }),
  listenForGpcHeaders: () => {},
  // getAllCookieStores lists every store; the default one is '0'.
  extraCookieStoreIds: async () => [],
  defaultCookieStore: '0',
  // An empty partitionKey lists every partition.
  cookieQuery: (storeId) => ({ storeId, partitionKey: {} }),
  // cookies.remove scans the whole jar for each call: a cookie is removed by writing it expired.
  removesByExpiring: true,
  // browsingData filters by origin.
  storageTypes: Object.freeze(['localStorage', 'indexedDB', 'cacheStorage', 'serviceWorkers']),
  storageFilter: (hosts) => ({ origins: hosts.flatMap((h) => [`https://${h}`, `http://${h}`]) }),
});
