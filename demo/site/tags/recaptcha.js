// Stand-in for reCAPTCHA's api.js: registers itself, sets no first-party cookie (its _GRECAPTCHA lives on www.google.com).
(window.__demoTags ||= []).push('recaptcha');
window.grecaptcha = { ready: (fn) => fn(), execute: () => Promise.resolve('demo-token') };
