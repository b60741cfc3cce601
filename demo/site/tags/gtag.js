// Stand-in for Google Analytics 4 gtag.js: the client id cookie _ga on the registrable domain, the
// session cookie _ga_<id> (written with cookieStore, as newer tags do) and a collect beacon.
(window.__demoTags ||= []).push('gtag');
(() => {
  const domain = location.hostname.split('.').slice(-2).join('.');
  const clientId = `GA1.1.${Math.floor(Math.random() * 1e9)}.${Math.floor(Date.now() / 1000)}`;
  document.cookie = `_ga=${clientId}; domain=${domain}; path=/; max-age=63072000; SameSite=Lax`;
  if (window.cookieStore) {
    cookieStore.set({ name: '_ga_DEMO123', value: `GS1.1.${Date.now()}`, domain, path: '/' }).catch(() => {});
  }
  fetch(`https://www.google-analytics.com/g/collect?v=2&tid=G-DEMO123&cid=${clientId}`, { mode: 'no-cors', method: 'POST' }).catch(() => {});
})();
