// extension/js/gpc-scope.js, gpc.js and gpc-line.js: Global Privacy Control goes exactly to the sites
// whose marketing choice is "block" — Chromium's session rules, the MAIN-world registration and
// Firefox's header all follow the same scope. The real browsers are tested in
// tests/e2e/extension/gpc_signal.test.mjs and firefox_gpc_signal.test.mjs.
import assert from 'node:assert/strict';
import { test } from 'node:test';

const { freshPolicy } = await import('../../extension/js/policy.js');
const { gpcScope, sendsGpc } = await import('../../extension/js/gpc-scope.js');
const { gpcRules, gpcScriptEntry } = await import('../../extension/js/gpc.js');
const { gpcLineText } = await import('../../extension/js/gpc-line.js');

const refusingByDefault = { ...freshPolicy(), sites: { 'shop.example': { marketing: 'allow' }, 'blog.example': { analytics: 'allow' } } };
const allowingByDefault = { ...freshPolicy(), defaults: { marketing: 'allow' }, sites: { 'news.example': { marketing: 'block' }, 'shop.example': { marketing: 'allow' } } };

test('the scope follows the marketing choice: every site but those allowing it, or only those refusing it', () => {
  assert.deepEqual(gpcScope(refusingByDefault), { everywhere: true, sites: ['shop.example'] });
  assert.deepEqual(gpcScope(allowingByDefault), { everywhere: false, sites: ['news.example'] });
  assert.equal(sendsGpc(refusingByDefault, 'blog.example'), true);
  assert.equal(sendsGpc(refusingByDefault, 'shop.example'), false);
  assert.equal(sendsGpc(allowingByDefault, 'other.example'), false);
});

test('Chromium: the document by its own domain, everything else by the top-level site, above the engine\'s allow rules', () => {
  const [doc, rest] = gpcRules(gpcScope(refusingByDefault));
  const header = { type: 'modifyHeaders', requestHeaders: [{ header: 'Sec-GPC', operation: 'set', value: '1' }] };
  assert.deepEqual(doc, { id: 1, priority: 1000, action: header, condition: { resourceTypes: ['main_frame'], excludedRequestDomains: ['shop.example'] } });
  assert.deepEqual(rest, { id: 2, priority: 1000, action: header, condition: { excludedTopDomains: ['shop.example'] } });
  const [onlyDoc, onlyRest] = gpcRules(gpcScope(allowingByDefault));
  assert.deepEqual(onlyDoc.condition, { resourceTypes: ['main_frame'], requestDomains: ['news.example'] });
  assert.deepEqual(onlyRest.condition, { topDomains: ['news.example'] });
  assert.deepEqual(gpcRules(gpcScope(freshPolicy())).map((r) => r.condition), [{ resourceTypes: ['main_frame'] }, {}]);
  assert.deepEqual(gpcRules({ everywhere: false, sites: [] }), []);
});

test('the MAIN-world registration covers the same sites, at document_start in every frame', () => {
  const all = gpcScriptEntry(gpcScope(refusingByDefault));
  assert.deepEqual(all.matches, ['<all_urls>']);
  assert.deepEqual(all.excludeMatches, ['*://*.shop.example/*']);
  assert.deepEqual([all.world, all.runAt, all.allFrames, all.matchOriginAsFallback, all.persistAcrossSessions], ['MAIN', 'document_start', true, true, true]);
  assert.deepEqual(all.js, ['content/gpc-signal.js']);
  const some = gpcScriptEntry(gpcScope(allowingByDefault));
  assert.deepEqual([some.matches, some.excludeMatches], [['*://*.news.example/*'], []]);
  assert.equal(gpcScriptEntry({ everywhere: false, sites: [] }), null);
});

test('the popup line: sent, sent by the browser itself, or not sent', () => {
  assert.match(gpcLineText(refusingByDefault, 'blog.example', false), /^Do-not-sell signal sent/);
  assert.match(gpcLineText(refusingByDefault, 'shop.example', false), /^No do-not-sell signal: marketing is allowed here/);
  assert.match(gpcLineText(refusingByDefault, 'shop.example', true), /sent by your browser itself/);
});

test('Firefox: the header is set (once, replacing any) for a refusing top-level site, left alone otherwise', async () => {
  const { withGpcHeader } = await import('../../extension/js/gpc.js');
  const details = { requestHeaders: [{ name: 'Accept', value: '*/*' }, { name: 'sec-gpc', value: '0' }] };
  assert.deepEqual(withGpcHeader(details, refusingByDefault, 'blog.example').requestHeaders,
    [{ name: 'Accept', value: '*/*' }, { name: 'Sec-GPC', value: '1' }]);
  assert.equal(withGpcHeader(details, refusingByDefault, 'shop.example'), undefined);
  assert.equal(withGpcHeader(details, allowingByDefault, 'other.example'), undefined);
});
