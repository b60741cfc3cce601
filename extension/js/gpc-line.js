// The popup's Global Privacy Control line for the tab's site (gpc-scope.js decides). An extension
// page's own navigator.globalPrivacyControl is the browser's setting: true where the browser
// itself sends GPC to every site (Firefox with privacy.globalprivacycontrol.enabled, private
// windows, Brave), whatever the extension does.
import { sendsGpc } from './gpc-scope.js';

export function gpcLineText(policy, site, browserSends) {
  if (sendsGpc(policy, site)) return 'Do-not-sell signal sent (Global Privacy Control): marketing is refused here.';
  if (browserSends) return 'Do-not-sell signal sent by your browser itself, on every site: marketing is allowed here, but the browser\'s own setting still sends it.';
  return 'No do-not-sell signal: marketing is allowed here.';
}

export function showGpcLine(state, site, box) {
  box.hidden = !site;
  box.textContent = site ? gpcLineText(state.policy, site, navigator.globalPrivacyControl === true) : '';
}
