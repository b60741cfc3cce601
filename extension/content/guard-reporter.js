// Relays what the MAIN-world cookie guard blocked on this page to the background, for the popup's
// per-tab report. Isolated world: the page can fake these events, which only changes what the
// report shows, never what is enforced. A page can also send them without end: at most MAX_PENDING
// writes wait for the next message (one per 100 ms), and nothing a browser would never store as a
// cookie name is relayed. The background bounds what it keeps (js/guard-report.js).
(() => {
  const MAX_PENDING = 100;
  const MAX_NAME = 4096; // browsers refuse a cookie whose name and value exceed 4096 bytes
  const pending = [];
  let timer = 0;
  const flush = () => {
    timer = 0;
    chrome.runtime.sendMessage({ what: 'guardBlocked', writes: pending.splice(0) }).catch(() => {});
  };
  const relayable = (w) => typeof w?.name === 'string' && typeof w?.how === 'string' && w.name.length <= MAX_NAME;
  document.addEventListener('cookiewarden:guard-blocked', (event) => {
    if (typeof event.detail !== 'string' || event.detail.length > MAX_PENDING * (MAX_NAME + 64)) return;
    try {
      const writes = JSON.parse(event.detail);
      if (!Array.isArray(writes)) return;
      for (const w of writes) {
        if (pending.length >= MAX_PENDING) break;
        if (relayable(w)) pending.push({ name: w.name, how: w.how.slice(0, 32) });
      }
    } catch {
      return;
    }
    if (!timer && pending.length) timer = setTimeout(flush, 100);
  });
  document.dispatchEvent(new CustomEvent('cookiewarden:guard-hello'));
})();
