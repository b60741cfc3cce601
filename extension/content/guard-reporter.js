// Relays what the MAIN-world cookie guard blocked on this page to the background, for the popup's
// per-tab report. Isolated world: the page can fake these events, which only changes what the
// report shows, never what is enforced.
(() => {
  const pending = [];
  let timer = 0;
  const flush = () => {
    timer = 0;
    chrome.runtime.sendMessage({ what: 'guardBlocked', writes: pending.splice(0, 100) }).catch(() => {});
  };
  document.addEventListener('cookiewarden:guard-blocked', (event) => {
    try {
      const writes = JSON.parse(event.detail);
      if (Array.isArray(writes)) pending.push(...writes.filter((w) => typeof w?.name === 'string' && typeof w?.how === 'string'));
    } catch {
      return;
    }
    if (!timer && pending.length) timer = setTimeout(flush, 100);
  });
  document.dispatchEvent(new CustomEvent('cookiewarden:guard-hello'));
})();
