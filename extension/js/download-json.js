// Saves a value as a JSON file through the browser's downloads (the page's own link): nothing is sent anywhere.
import { el } from './element.js';

export function downloadJson(fileName, value) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: 'application/json' }));
  el('a', { href: url, download: fileName }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
