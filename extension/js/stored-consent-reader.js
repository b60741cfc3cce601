// Reads back, in the background, what a CMP stored once its banner was answered, for the check
// (cmp-consent/): the consent cookie through the cookies API (what the browser keeps, not what the
// page says it has), and what only the page's own scripts can tell, through a script in its main
// world: klaro's services and their purposes, and a TCF CMP's TC string from __tcfapi's getTCData.
// A rule's `stored` says which ({cookie, decoder} or {tcfapi: "getTCData", decoder}).
const COOKIE_TRIES = 10;
const COOKIE_PAUSE_MS = 100; // the CMP writes its cookie as it closes the banner: a second at most

// Runs in the page: klaro's services as {name, purposes}, from the running manager or the config.
export function klaroServicesInPage() {
  const config = window.klaro?.getManager?.()?.config ?? window.klaroConfig;
  const services = Array.isArray(config?.services) ? config.services.slice(0, 500) : [];
  return services.map((s) => ({ name: String(s?.name), purposes: Array.isArray(s?.purposes) ? s.purposes.slice(0, 20).map(String) : [] }));
}

// Runs in the page: the TC string the CMP holds now (null without __tcfapi, or on its failure).
export function tcStringInPage() {
  return new Promise((resolve) => {
    if (typeof window.__tcfapi !== 'function') return resolve(null);
    setTimeout(() => resolve(null), 1000);
    try {
      window.__tcfapi('getTCData', 2, (data, ok) => resolve(ok && typeof data?.tcString === 'string' ? data.tcString : null));
    } catch {
      resolve(null);
    }
  });
}

async function inPage(target, func) {
  const [result] = await chrome.scripting.executeScript({ target, world: 'MAIN', func });
  return result?.result ?? null;
}

async function cookieValue(url, name) {
  for (let i = 0; i < COOKIE_TRIES; i += 1) {
    const found = await chrome.cookies.getAll({ url, name });
    if (found.length) return found[0].value;
    await new Promise((resolve) => setTimeout(resolve, COOKIE_PAUSE_MS));
  }
  return null;
}

// {value, config} for the decoder; value null when nothing was stored. `frame`: {tabId, frameId,
// url} of the frame whose banner was answered.
export async function readStoredConsent(stored, frame) {
  const target = { tabId: frame.tabId, frameIds: [frame.frameId] };
  if (stored.tcfapi === 'getTCData') return { value: await inPage(target, tcStringInPage), config: {} };
  if (typeof stored.cookie !== 'string') return { value: null, config: {} };
  const value = await cookieValue(frame.url, stored.cookie);
  const config = stored.decoder === 'klaro' ? { services: await inPage(target, klaroServicesInPage) } : {};
  return { value, config };
}
