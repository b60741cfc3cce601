// Stand-in for Google Ads conversion_async.js: the conversion linker cookie _gcl_au.
(window.__demoTags ||= []).push('google-ads');
document.cookie = `_gcl_au=1.1.${Math.floor(Math.random() * 1e9)}.${Math.floor(Date.now() / 1000)}; path=/; max-age=7776000`;
