// Where a request comes from, from webRequest details in either browser: the tab's top-level URL
// (tracked from main_frame requests, since Chromium's details do not carry it) and the frame's URL.
const topByTab = new Map();

export function noteNavigation(details) {
  if (details.type === 'main_frame' && details.tabId >= 0) topByTab.set(details.tabId, details.url);
}

export function forgetTab(tabId) {
  topByTab.delete(tabId);
}

export function topUrlOf(details) {
  // Firefox lists the ancestors of a frame, the top-level document last.
  if (details.frameAncestors?.length) return details.frameAncestors.at(-1).url;
  if (details.type === 'main_frame') return details.url;
  if (details.frameId === 0 && details.documentUrl) return details.documentUrl;
  return topByTab.get(details.tabId) ?? details.documentUrl ?? details.initiator ?? details.originUrl ?? '';
}

export function frameUrlOf(details) {
  return details.documentUrl ?? details.initiator ?? '';
}
