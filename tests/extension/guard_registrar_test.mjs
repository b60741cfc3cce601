// extension/js/guard-registrar.js: one registration per guard policy, grouping its sites; the
// default excludes exactly the sites whose policy differs; every entry persists across sessions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installChromeFake } from './chrome_fake.mjs';

installChromeFake();
const { guardEntries } = await import('../../extension/js/guard-registrar.js');
const { freshPolicy } = await import('../../extension/js/policy.js');

test('with no overrides there is one registration: the default, on every URL', () => {
  const [only, ...rest] = guardEntries(freshPolicy());
  assert.deepEqual(rest, []);
  assert.equal(only.id, 'guard-default');
  assert.deepEqual(only.matches, ['<all_urls>']);
  assert.deepEqual(only.excludeMatches, []);
  assert.deepEqual(only.js, ['policy/p0000.js', 'content/cookie-table.js', 'content/cookie-guard.js']);
  assert.equal(only.world, 'MAIN');
  assert.equal(only.runAt, 'document_start');
  assert.equal(only.allFrames, true);
  assert.equal(only.matchOriginAsFallback, true);
  assert.equal(only.persistAcrossSessions, true);
});

test('sites sharing a policy share a registration; same-as-default sites need none', () => {
  const policy = {
    ...freshPolicy(),
    sites: {
      'shop.example': { analytics: 'allow' },
      'blog.example': { analytics: 'allow' },
      'news.example': { analytics: 'allow', marketing: 'allow' },
      'plain.example': { analytics: 'block' },
    },
  };
  const entries = guardEntries(policy);
  assert.deepEqual(entries.map((e) => e.id).sort(), ['guard-default', 'guard-p0101', 'guard-p0100'].sort());
  const analytics = entries.find((e) => e.id === 'guard-p0100');
  assert.deepEqual(analytics.matches.sort(), ['*://*.blog.example/*', '*://*.shop.example/*']);
  assert.equal(analytics.js[0], 'policy/p0100.js');
  const def = entries.find((e) => e.id === 'guard-default');
  assert.deepEqual(def.excludeMatches.sort(), ['*://*.blog.example/*', '*://*.news.example/*', '*://*.shop.example/*']);
  for (const e of entries) assert.equal(e.persistAcrossSessions, true);
});
