// extension/js/sweep-plan.js: what the sweep asks the engine about each stored cookie, what the
// keep-list keeps, what the pages say, and that a long sweep gives the event loop its turns.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeSweep, inSlices, isKept, isRefused, partitionSiteOf, storedCookieInput, summarise } from '../../extension/js/sweep-plan.js';

// Two-label sites are enough here: the engine's Public Suffix List is tested with the engine.
const siteOf = (host) => host.replace(/^\./, '').split('.').slice(-2).join('.');
const cookie = (name, domain, extra = {}) => ({ name, domain, hostOnly: !domain.startsWith('.'), path: '/', storeId: '0', ...extra });
const chips = cookie('IDE', '.doubleclick.net', { partitionKey: { topLevelSite: 'https://shop.example' } });
const fpi = cookie('IDE', '.doubleclick.net', { firstPartyDomain: 'news.example' });

test('the engine gets a domain cookie with its dot, a host-only one without, and the partition\'s top-level site', () => {
  assert.deepEqual(storedCookieInput(cookie('_ga', '.shop.example')), { name: '_ga', domain: '.shop.example', path: '/', partitionKey: '' });
  assert.deepEqual(storedCookieInput(cookie('sid', 'www.shop.example', { path: '/cart' })), { name: 'sid', domain: 'www.shop.example', path: '/cart', partitionKey: '' });
  // Firefox lists a domain cookie set without a dot (hostOnly false) as it was written.
  assert.equal(storedCookieInput(cookie('_ga', 'shop.example', { hostOnly: false })).domain, '.shop.example');
  assert.equal(storedCookieInput(chips).partitionKey, 'https://shop.example');
  assert.equal(storedCookieInput(fpi).partitionKey, 'news.example');
});

test('a kept site keeps its own cookies in every partition and every cookie in its partition', () => {
  const keep = new Set(['shop.example']);
  assert.equal(isKept(cookie('_ga', '.www.shop.example'), keep, siteOf), true);
  assert.equal(isKept(chips, keep, siteOf), true, 'a third party\'s cookie under the kept site');
  assert.equal(isKept(cookie('_ga', '.news.example', { partitionKey: { topLevelSite: 'https://other.example' } }), keep, siteOf), false);
  assert.equal(isKept(fpi, new Set(['news.example']), siteOf), true);
  assert.equal(isKept(chips, new Set(), siteOf), false);
  assert.equal(partitionSiteOf(cookie('x', 'a.example'), siteOf), '');
});

test('necessary is never refused, whatever the decision says', () => {
  assert.equal(isRefused({ action: 'block', category: 'analytics' }), true);
  assert.equal(isRefused({ action: 'block', category: 'unknown' }), true);
  assert.equal(isRefused({ action: 'block', category: 'necessary' }), false);
  assert.equal(isRefused({ action: 'allow', category: 'marketing' }), false);
  assert.equal(isRefused(null), false, 'a cookie the engine could not decide stays');
});

test('the counts: sites by partition when partitioned, categories in the onboarding order', () => {
  const refused = [
    { cookie: cookie('_ga', '.shop.example'), decision: { category: 'analytics' } },
    { cookie: cookie('_gid', '.shop.example'), decision: { category: 'analytics' } },
    { cookie: chips, decision: { category: 'marketing' } },
    { cookie: cookie('_fbp', '.news.example'), decision: { category: 'marketing' } },
    { cookie: cookie('x', 'ads.example', { partitionKey: { topLevelSite: 'https://news.example' } }), decision: { category: 'unknown' } },
  ];
  const summary = summarise(refused, siteOf);
  assert.deepEqual(summary, { cookies: 5, sites: 2, byCategory: { analytics: 2, marketing: 2, unknown: 1 } });
  assert.equal(describeSweep(summary), '5 cookies of refused categories on 2 sites (Analytics 2, Marketing 2, Unclassified 1)');
  assert.equal(describeSweep({ cookies: 1, sites: 1, byCategory: { social: 1 } }), '1 cookie of refused categories on 1 site (Social media 1)');
});

test('a sweep gives the event loop a turn between slices, and keeps every result in order', async () => {
  // Work that schedules another event: it runs between two slices, never inside one.
  const run = async (sliceMs) => {
    const order = [];
    const results = await inSlices([1, 2, 3], (n) => {
      if (n === 1) setTimeout(() => order.push('event'), 0);
      order.push(n);
      return n * 2;
    }, sliceMs);
    await new Promise((r) => setTimeout(r, 0));
    return { order, results };
  };
  assert.deepEqual(await run(0), { order: [1, 'event', 2, 3], results: [2, 4, 6] });
  assert.deepEqual(await run(60_000), { order: [1, 2, 3, 'event'], results: [2, 4, 6] });
});
