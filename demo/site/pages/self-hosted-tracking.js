// What many shops do: tracker code bundled and served first-party, so no network rule can stop it.
// Only the cookie guard (script writes) and the cookies.onChanged backstop (Set-Cookie) can.
(() => {
  const domain = location.hostname.split('.').slice(-2).join('.');
  document.cookie = `_fbp=fb.1.${Date.now()}.42; domain=${domain}; path=/; max-age=7776000`;
  if (window.cookieStore) {
    cookieStore.set({ name: 'Hm_lvt_0123456789abcdef', value: String(Math.floor(Date.now() / 1000)), path: '/' }).catch(() => {});
  }
  // A same-origin about:blank iframe has its own Document: a wrapper on the top page alone would miss it.
  const frame = document.createElement('iframe');
  frame.style.display = 'none';
  document.documentElement.appendChild(frame);
  frame.contentDocument.cookie = `_gid=GA1.1.${Date.now()}; domain=${domain}; path=/; max-age=86400`;
  // Server-side tagging: the shop's own endpoint answers with Set-Cookie _gcl_au.
  window.__collect = fetch('/collect', { method: 'POST', credentials: 'same-origin' }).catch(() => {});
})();
