// Stand-in for hCaptcha's api.js.
(window.__demoTags ||= []).push('hcaptcha');
window.hcaptcha = { render: () => 'demo-widget' };
