// What Safari does its own way, for browser-overlay.js; chromium.js and firefox.js have the same
// names. Safari's web extensions take Chromium's side everywhere else here (extension/README.md,
// Safari: what differs), so this overlay is Chromium's with what Safari changes.
import { chromium } from './chromium.js';

export const safari = Object.freeze({
  ...chromium,
  name: 'safari',
  // runtime.connectNative reaches only the extension's own containing app, which does not speak
  // the host's protocol: the host is reached through a paired `cookiewarden serve` alone.
  nativeMessaging: false,
});
