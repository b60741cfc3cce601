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
