// Relays what content/tcf-reader.js read from the page's TCF CMP to the background, which keeps it
// for the site's consent-violation record (js/cmp-records.js). Isolated world, top frame: the page
// can fake these events, which only changes what the site's own record says about itself. At most
// MAX_REPORTS per page, each at most MAX_TEXT characters; the background checks every field.
(() => {
  const MAX_REPORTS = 10;
  const MAX_TEXT = 256 * 1024;
  let sent = 0;
  document.addEventListener('cookiewarden:tcf-data', (event) => {
    if (sent >= MAX_REPORTS || typeof event.detail !== 'string' || event.detail.length > MAX_TEXT) return;
    let tcData;
    try { tcData = JSON.parse(event.detail); } catch { return; }
    sent += 1;
    chrome.runtime.sendMessage({ what: 'cmpRecord', tcData }).catch(() => {});
  });
})();
