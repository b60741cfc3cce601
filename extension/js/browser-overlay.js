// The one place that tells the browsers apart. The shared code asks the overlay of the browser it
// runs in (browsers/chromium.js, browsers/firefox.js) for what differs, and never tests which one
// it is. getBrowserInfo is Firefox's alone.
import { chromium } from './browsers/chromium.js';
import { firefox } from './browsers/firefox.js';

export const overlay = typeof globalThis.chrome?.runtime?.getBrowserInfo === 'function' ? firefox : chromium;
