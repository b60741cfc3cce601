// Cookies that Undo is setting back. The backstop (cookie-backstop.js) would remove a restored
// cookie of a refused category the moment it lands, undoing the Undo: it lets each of these
// through once. The site's next write of such a cookie is judged again.
const expected = new Map(); // key -> how many sets of that cookie are under way

const keyOf = (storeId, name, domain, path) => `${storeId}\n${name}\n${String(domain).replace(/^\./, '')}\n${path || '/'}`;

// `details`: what is passed to cookies.set (deleted-cookies.js). Returns the release to call
// when the set failed (no change event will come for it).
export function expectRestored(details) {
  const host = details.domain ?? new URL(details.url).hostname;
  const key = keyOf(details.storeId, details.name, host, details.path);
  expected.set(key, (expected.get(key) ?? 0) + 1);
  return () => release(key);
}

function release(key) {
  const n = expected.get(key) ?? 0;
  if (n <= 1) expected.delete(key);
  else expected.set(key, n - 1);
}

// True (once) for a cookie that an Undo has just set back.
export function takeRestored(cookie) {
  const key = keyOf(cookie.storeId, cookie.name, cookie.domain, cookie.path);
  if (!expected.has(key)) return false;
  release(key);
  return true;
}
