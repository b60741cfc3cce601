// The shop's own code: a cart cookie written by script, a preference written with cookieStore, local
// storage, and a session check against the server (the HttpOnly session cookie came with the page).
document.cookie = 'cart_id=c-1001; path=/; max-age=86400; SameSite=Lax';
if (window.cookieStore) cookieStore.set({ name: 'shop_theme', value: 'light', path: '/' }).catch(() => {});
localStorage.setItem('recently_viewed', JSON.stringify(['shirt', 'scarf']));
window.__sessionCheck = fetch('/api/session', { credentials: 'same-origin' })
  .then((r) => r.json())
  .then((s) => {
    // The reply usually comes after the document has been parsed: show it now or once it is.
    const show = () => { document.getElementById('session-status').textContent = s.session ? `Signed in (session ${s.session})` : 'No session'; };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show);
    else show();
    return s;
  });
