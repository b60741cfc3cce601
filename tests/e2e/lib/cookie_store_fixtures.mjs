// The real cookie stores Chromium 156 and Firefox ESR 153 wrote for the test sites, committed with
// the native host's fixtures (tests/native-host/fixtures/SOURCES.md). Copy them before use.
import { fileURLToPath } from 'node:url';

const STORES = new URL('../../native-host/fixtures/cookie-stores/', import.meta.url);

export const CHROMIUM_COOKIES = fileURLToPath(new URL('chromium156-linux-Cookies.sqlite', STORES));
export const FIREFOX_COOKIES = fileURLToPath(new URL('firefox153esr-cookies.sqlite', STORES));
