// What Firefox does its own way, for browser-overlay.js; chromium.js and safari.js have the same names.
import { syncGpc } from '../gpc.js';

const ALL_URLS = { urls: ['<all_urls>'] };

export const firefox = Object.freeze({
  name: 'firefox',
  // runtime.connectNative reaches a host `cookiewarden install` registered.
  nativeMessaging: true,
  // Blocking webRequest: each request is decided live by the engine, which carries both lists
  // (the DNR rulesets are declared in the shared manifest but never enabled here).
  blocksLive: true,
  requestListenerOptions: ['blocking'],
  enforceNetwork: async () => null,
  syncGpc: (policy) => syncGpc(policy, { useDnr: false }),
  // Sec-GPC by the request's top-level site; `headersFor(details)` is gpc.js's withGpcHeader with
  // the policy in force.
  listenForGpcHeaders: (headersFor) => {
    chrome.webRequest.onBeforeSendHeaders.addListener(headersFor, ALL_URLS, ['blocking', 'requestHeaders']);
  },
  // getAllCookieStores lists only the containers that have a tab open; contextualIdentities names
  // them all (the permission turns Firefox's containers on).
  extraCookieStoreIds: async () => ((await chrome.contextualIdentities?.query({}).catch(() => [])) ?? []).map((c) => c.cookieStoreId),
  defaultCookieStore: 'firefox-default',
  // Every partition needs firstPartyDomain: null too when first-party isolation is on.
  cookieQuery: (storeId) => ({ storeId, partitionKey: {}, firstPartyDomain: null }),
  // Writing a cookie expired is no faster than cookies.remove here (same-run bench).
  removesByExpiring: false,
  // browsingData filters by host name, and has no cacheStorage type.
  storageTypes: Object.freeze(['localStorage', 'indexedDB', 'serviceWorkers']),
  storageFilter: (hosts) => ({ hostnames: hosts }),
});
