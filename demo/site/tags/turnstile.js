// Stand-in for Cloudflare Turnstile (its __cf_bm bot cookie arrives by Set-Cookie on the shop's own page).
(window.__demoTags ||= []).push('turnstile');
window.turnstile = { render: () => 'demo-widget' };
