// extension/js/tab-report.js: requests counted per category and vendor by what actually happened
// to them, reset by a new top-level navigation, kept in session storage.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installChromeFake } from './chrome_fake.mjs';

const chrome = installChromeFake();
const report = await import('../../extension/js/tab-report.js');
await report.restoreReports();

const GA = { action: 'block', category: 'analytics', vendor: 'Google Analytics', rule: '||google-analytics.com^' };
const CAPTCHA = { action: 'allow', category: 'necessary', vendor: 'hCaptcha', rule: '||hcaptcha.com^' };

test('outcomes, not predictions, are counted', () => {
  report.startReport(5, 'https://www.shop.example/', 'shop.example');
  report.noteRequest({ tabId: 5, requestId: 'a', url: 'https://www.google-analytics.com/g/collect', type: 'ping' }, GA);
  report.noteRequest({ tabId: 5, requestId: 'b', url: 'https://js.hcaptcha.com/1/api.js', type: 'script' }, CAPTCHA);
  report.noteRequest({ tabId: 5, requestId: 'c', url: 'https://www.google-analytics.com/x', type: 'ping' }, GA);
  report.settleRequest('a', 'blocked');
  report.settleRequest('b', 'allowed');
  report.settleRequest('c', 'allowed'); // predicted block, but it went through: say so
  const r = report.reportOf(5);
  assert.deepEqual(r.categories, { analytics: { blocked: 1, allowed: 1 }, necessary: { blocked: 0, allowed: 1 } });
  assert.deepEqual(r.vendors['Google Analytics'], { category: 'analytics', blocked: 1, allowed: 1 });
  assert.equal(report.settleRequest('a', 'blocked'), null, 'a request settles once');
});

test('requests of unknown tabs are ignored; a navigation starts a new report', () => {
  report.noteRequest({ tabId: 99, requestId: 'z', url: 'https://x.example/', type: 'script' }, GA);
  assert.equal(report.settleRequest('z', 'blocked'), null);
  report.startReport(5, 'https://www.news.example/', 'news.example');
  assert.deepEqual(report.reportOf(5).categories, {});
  assert.deepEqual(report.tabsOfSite('news.example'), [5]);
});

test('cookie removals and refused writes are listed, and the reports survive a worker restart', async () => {
  report.noteCookieRemoval([5], { name: '_gcl_au', domain: '.news.example', category: 'marketing' });
  report.noteCookieWrites(5, [{ name: '_fbp', how: 'document.cookie', category: 'marketing' }]);
  await new Promise((r) => setTimeout(r, 400)); // saves are debounced
  const saved = chrome.storage.session.data.get('tabReports');
  assert.equal(saved['5'].cookies[0].name, '_gcl_au');
  assert.equal(saved['5'].cookieWrites[0].name, '_fbp');
  await report.restoreReports();
  assert.equal(report.reportOf(5).site, 'news.example');
});

// A page chooses the length of its URLs and how many requests it makes; the reports share session
// storage with the settings' mirror, so what they save there is bounded.
test('saved reports are bounded: long URLs are clipped, and only the newest reports that fit are saved', async () => {
  const long = `https://ads.example/${'x'.repeat(100_000)}`;
  for (let tab = 100; tab < 130; tab++) {
    report.startReport(tab, 'https://www.flood.example/', 'flood.example');
    for (let i = 0; i < 300; i++) {
      report.noteRequest({ tabId: tab, requestId: `${tab}-${i}`, url: long, type: 'image' }, GA);
      report.settleRequest(`${tab}-${i}`, 'blocked');
    }
  }
  assert.equal(report.reportOf(129).requests[0].url.length, 1025);
  assert.equal(new URL(report.reportOf(129).requests[0].url).hostname, 'ads.example');
  await new Promise((r) => setTimeout(r, 400)); // saves are debounced
  const saved = chrome.storage.session.data.get('tabReports');
  const size = JSON.stringify(saved).length;
  assert.ok(size <= 2 * 1024 * 1024, `saved reports take ${size} characters`);
  assert.ok(saved['129'], 'the newest report is saved');
  assert.ok(!saved['100'], 'the oldest does not fit');
  assert.deepEqual(report.reportOf(100).site, 'flood.example', 'but stays in memory');
  for (let tab = 100; tab < 130; tab++) report.dropReport(tab);
});
