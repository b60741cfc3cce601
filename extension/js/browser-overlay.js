// The one place that tells the browsers apart. The shared code asks the overlay of the browser it
// runs in (browsers/chromium.js, browsers/firefox.js, browsers/safari.js) for what differs, and
// never tests which one it is. getBrowserInfo is Firefox's alone; Safari serves the extension's
// pages from its own scheme.
import { chromium } from './browsers/chromium.js';
import { firefox } from './browsers/firefox.js';
import { safari } from './browsers/safari.js';

function overlayOfThisBrowser() {
  const runtime = globalThis.chrome?.runtime;
  if (runtime?.getURL?.('').startsWith('safari-web-extension:')) return safari;
  return typeof runtime?.getBrowserInfo === 'function' ? firefox : chromium;
}

export const overlay = overlayOfThisBrowser();
