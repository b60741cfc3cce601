// Stand-in for the Facebook JavaScript SDK (Like/Share buttons).
(window.__demoTags ||= []).push('facebook-sdk');
window.FB = { init: () => {}, XFBML: { parse: () => {} } };
