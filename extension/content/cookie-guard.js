// The cookie guard: runs in the page's MAIN world at document_start, before any page script, in
// every frame (same-origin about:blank frames included). It drops writes of cookies whose category
// the person refused on this site, through document.cookie and the Cookie Store API, and hides such
// cookies from reads (a Set-Cookie header may have stored one before the background's backstop
// removes it). The site's choices come synchronously from the policy file injected just before this
// one (policy/p<F><A><S><M>.js); the cookie-name table is generated from the engine's rules at build
// time (content/cookie-table.js). Both globals are captured and deleted at once.
(() => {
  const policy = self.__cwPolicy;
  const table = self.__cwCookieTable;
  try { delete self.__cwPolicy; } catch { /* non-configurable in an odd page: nothing to hide */ }
  try { delete self.__cwCookieTable; } catch { /* as above */ }
  const MARK = Symbol.for('cookiewarden.guard');
  if (!policy || !table || self[MARK]) return;
  Object.defineProperty(self, MARK, { value: true });

  // Most specific rule wins: a domain-scoped rule over an unscoped one, exact over prefix, longer
  // prefix over shorter — the engine's precedence for cookie-name rules.
  const exact = new Map();
  const prefixes = [];
  for (const [name, isPrefix, domain, category] of table.rules) {
    if (isPrefix) prefixes.push({ name, domain, category });
    else {
      if (!exact.has(name)) exact.set(name, []);
      exact.get(name).push({ domain, category });
    }
  }
  prefixes.sort((a, b) => b.name.length - a.name.length || (b.domain ? 1 : 0) - (a.domain ? 1 : 0));
  for (const list of exact.values()) list.sort((a, b) => (b.domain ? 1 : 0) - (a.domain ? 1 : 0));

  const domainFits = (ruleDomain, cookieDomain) =>
    !ruleDomain || cookieDomain === ruleDomain || cookieDomain.endsWith('.' + ruleDomain);

  function categoryOf(name, cookieDomain) {
    const hit = exact.get(name)?.find((r) => domainFits(r.domain, cookieDomain));
    if (hit) return hit.category;
    return prefixes.find((r) => name.startsWith(r.name) && domainFits(r.domain, cookieDomain))?.category ?? null;
  }

  const pageHost = () => (location.hostname || '').toLowerCase();
  const refused = (name, cookieDomain = pageHost()) => {
    const category = categoryOf(name, cookieDomain.replace(/^\./, '').toLowerCase());
    return category !== null && category !== 'necessary' && policy[category] === false;
  };

  // Blocked writes are announced to the extension's reporter (content/guard-reporter.js, isolated
  // world) as DOM events carrying JSON text. The reporter may start after the first writes: when it
  // says hello, the writes it missed are sent again.
  const blocked = [];
  const announce = (writes) => document.dispatchEvent(new CustomEvent('cookiewarden:guard-blocked', { detail: JSON.stringify(writes) }));
  const remember = (name, how) => {
    if (blocked.length >= 100) return;
    const write = { name, how };
    blocked.push(write);
    announce([write]);
  };
  document.addEventListener('cookiewarden:guard-hello', () => { if (blocked.length) announce(blocked.slice()); }, { once: true });

  // "name=value; domain=.shop.example; path=/" -> {name, domain}; a string without "=" is a value
  // with an empty name (RFC 6265bis).
  function parseWrite(text) {
    const parts = String(text).split(';');
    const eq = parts[0].indexOf('=');
    const name = eq < 0 ? '' : parts[0].slice(0, eq).trim();
    const attr = parts.slice(1).map((p) => p.trim()).find((p) => /^domain\s*=/i.test(p));
    return { name, domain: attr ? attr.slice(attr.indexOf('=') + 1).trim() : pageHost() };
  }

  const filterPairs = (text) => String(text).split('; ').filter((pair) => {
    const eq = pair.indexOf('=');
    return !refused(eq < 0 ? '' : pair.slice(0, eq));
  }).join('; ');

  const original = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (original?.set && original.get) {
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true,
      enumerable: original.enumerable,
      get: { cookie() { return filterPairs(original.get.call(this)); } }.cookie,
      set: {
        cookie(value) {
          const { name, domain } = parseWrite(value);
          if (refused(name, domain)) { remember(name, 'document.cookie'); return; }
          original.set.call(this, value);
        },
      }.cookie,
    });
  }

  if (typeof CookieStore === 'function') {
    const proto = CookieStore.prototype;
    const { set, get, getAll } = proto;
    const nameOf = (arg) => (typeof arg === 'string' ? arg : arg?.name ?? '');
    if (set) {
      proto.set = {
        set(nameOrOptions, value) {
          const name = nameOf(nameOrOptions);
          const domain = typeof nameOrOptions === 'object' && nameOrOptions?.domain ? nameOrOptions.domain : pageHost();
          if (refused(String(name), String(domain))) { remember(name, 'cookieStore.set'); return Promise.resolve(undefined); }
          return set.apply(this, arguments);
        },
      }.set;
    }
    if (get) {
      proto.get = {
        get() {
          return get.apply(this, arguments).then((c) => (c && refused(c.name, c.domain ?? pageHost()) ? null : c));
        },
      }.get;
    }
    if (getAll) {
      proto.getAll = {
        getAll() {
          return getAll.apply(this, arguments).then((list) => list.filter((c) => !refused(c.name, c.domain ?? pageHost())));
        },
      }.getAll;
    }
  }

  // What the guard did on this page, for the test suite and the curious: read-only, no policy inside.
  Object.defineProperty(self, Symbol.for('cookiewarden.guard.blocked'), { value: blocked });
})();
