// The text a CMP stored (a cookie value, or the same text kept in localStorage), bounded and
// turned into JSON. Cookies hold at most 4 KB; a value many times that is not a CMP's record.
const VALUE_LIMIT = 16384;

export function storedText(value, what) {
  if (typeof value !== 'string' || value === '') throw new Error(`${what}: nothing stored`);
  if (value.length > VALUE_LIMIT) throw new Error(`${what}: ${value.length} characters, more than a consent record holds`);
  return value;
}

// klaro and vanilla-cookieconsent write their JSON URL-encoded into the cookie, and plain into
// localStorage when a site keeps it there.
export function storedJson(value, what) {
  const text = storedText(value, what);
  let decoded = text;
  if (text.startsWith('%')) {
    try { decoded = decodeURIComponent(text); } catch { throw new Error(`${what}: not URL-encoded text`); }
  }
  try {
    return JSON.parse(decoded);
  } catch {
    throw new Error(`${what}: not JSON`);
  }
}
