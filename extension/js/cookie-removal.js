// Removing one cookie the cookies API listed, in whichever store and partition holds it: the same
// details for the backstop, the sweep and "Delete site data", and its Undo sets them back at the
// same address (deleted-cookies.js).
function cookieUrl(cookie) {
  const host = cookie.domain.replace(/^\./, '');
  return `${cookie.secure ? 'https' : 'http'}://${host}${cookie.path || '/'}`;
}

// Where the cookies API finds one cookie: cookies.remove takes these, cookies.set these and the
// cookie's other fields.
export function cookieAddress(cookie) {
  const details = { url: cookieUrl(cookie), name: cookie.name, storeId: cookie.storeId };
  if (cookie.partitionKey) details.partitionKey = cookie.partitionKey;
  if (cookie.firstPartyDomain) details.firstPartyDomain = cookie.firstPartyDomain;
  return details;
}

// True once the browser has removed it; false when it refused (the reason goes to the console).
export async function removeCookie(cookie) {
  try {
    return Boolean(await chrome.cookies.remove(cookieAddress(cookie)));
  } catch (e) {
    console.warn('cookie removal failed', cookie.name, cookie.domain, e);
    return false;
  }
}
