// A site's own storage as its pages see it: writes a localStorage key and an IndexedDB database from
// a page, and reads back what the origin still holds. Works with Playwright and Puppeteer pages.

export const STORED_KEY = 'cw_e2e_key';
export const STORED_DB = 'cw_e2e_db';

// Writes one localStorage key and one IndexedDB record on the page's origin and waits until the
// database transaction has committed, so a browser closed right after has it on disk.
export async function writeStorage(page) {
  await page.evaluate(([key, dbName]) => new Promise((resolve, reject) => {
    localStorage.setItem(key, 'kept');
    const open = indexedDB.open(dbName, 1);
    open.onupgradeneeded = () => open.result.createObjectStore('items');
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const tx = open.result.transaction('items', 'readwrite');
      tx.objectStore('items').put('kept', 'item');
      tx.oncomplete = () => { open.result.close(); resolve(); };
      tx.onerror = () => reject(tx.error);
    };
  }), [STORED_KEY, STORED_DB]);
}

// {localStorage: [keys], indexedDB: [database names]} of the page's origin.
export async function readStorage(page) {
  return page.evaluate(async () => ({
    localStorage: Object.keys(localStorage).sort(),
    indexedDB: (await indexedDB.databases()).map((d) => d.name).sort(),
  }));
}
