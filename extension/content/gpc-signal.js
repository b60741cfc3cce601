// Global Privacy Control in the page's own world: registered by js/gpc.js at document_start for the
// sites where marketing is refused, so the page's first script already reads true. A getter on the
// prototype, where browsers that implement GPC define theirs.
Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', {
  configurable: true,
  enumerable: true,
  get: { globalPrivacyControl() { return true; } }.globalPrivacyControl,
});
