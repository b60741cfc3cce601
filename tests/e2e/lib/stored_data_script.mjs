// What the test sites' pages store, shared by the HTTPS site (site_server.mjs) and WebKit's
// plain-HTTP one (webkit/webkit_site_server.mjs): the data a deletion must reach, named after the
// host's label so each site's can be told apart.

// Thirty days, for the cookies that must outlive the browser session.
export const MAX_AGE = 30 * 24 * 3600;

// The host a request names (its Host header, without the port), in lower case.
export function hostOf(req) {
  return (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
}

// Statements for an async function in the page: a script cookie, a localStorage key and an
// IndexedDB record, done once the database transaction has committed.
export function storeDataStatements(label) {
  return `
    document.cookie = 'js_${label}=1; path=/; max-age=${MAX_AGE}';
    localStorage.setItem('ls_${label}', 'v_${label}');
    await new Promise((resolve, reject) => {
      const open = indexedDB.open('db_${label}', 1);
      open.onupgradeneeded = () => open.result.createObjectStore('kv');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const tx = open.result.transaction('kv', 'readwrite');
        tx.objectStore('kv').put('v_${label}', 'k_${label}');
        tx.oncomplete = () => { open.result.close(); resolve(); };
        tx.onerror = () => reject(tx.error);
      };
    });`;
}
