// Reads what the page's own IAB TCF CMP recorded, for the site's consent-violation record: runs in
// the page's MAIN world (where __tcfapi lives) of the top frame once the page is idle, waits a
// while for a CMP that loads late, then asks getTCData each time the CMP reports the TC string
// loaded or the person's answer complete. The result goes to the isolated-world relay
// (content/tcf-reporter.js) as a DOM event carrying JSON text. A page without a CMP is left alone.
(() => {
  const WAIT_MS = 500;
  const WAITS = 20; // ten seconds for a CMP to appear
  const READY = new Set(['tcloaded', 'useractioncomplete']);
  const report = (tcData, eventStatus) =>
    document.dispatchEvent(new CustomEvent('cookiewarden:tcf-data', { detail: JSON.stringify({ ...tcData, eventStatus }) }));

  function listen(api) {
    api('addEventListener', 2, (event, ok) => {
      if (!ok || !READY.has(event?.eventStatus)) return;
      api('getTCData', 2, (tcData, fine) => { if (fine && tcData) report(tcData, event.eventStatus); });
    });
  }

  let waits = 0;
  function find() {
    const api = window.__tcfapi;
    if (typeof api === 'function') {
      try { listen(api); } catch { /* a CMP that throws records nothing we can read */ }
    } else if (++waits < WAITS) {
      setTimeout(find, WAIT_MS);
    }
  }
  find();
})();
