// extension/js/ext.js + settings.js: session storage is shared with the logs and may be full. A
// settings write whose session mirror fails must not leave the older mirror behind, or a worker
// restart (which reads the mirror first) would bring back the previous choice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { installChromeFake } from './chrome_fake.mjs';

const QUOTA = 4096;
const chrome = installChromeFake({ sessionQuotaBytes: QUOTA });
const s = await import('../../extension/js/settings.js');

const withSite = (site) => ({ policy: { ...s.freshSettings().policy, sites: { [site]: { analytics: 'allow' } } }, chosen: true });

test('a choice made while session storage is full holds after a worker restart', async () => {
  assert.equal(await s.saveSettings(withSite('first.example')), true);
  assert.deepEqual((await s.loadSettings()).policy.sites, { 'first.example': { analytics: 'allow' } });
  // The tab reports fill the rest of the quota (what a page's forged reports did).
  const used = [...chrome.storage.session.data].reduce((n, [k, v]) => n + k.length + JSON.stringify(v).length, 0);
  const room = QUOTA - used;
  await chrome.storage.session.set({ tabReports: 'x'.repeat(room - 'tabReports'.length - 2 - 16) });
  const changed = withSite('second-site-with-a-longer-name.example');
  await assert.rejects(chrome.storage.session.set({ policy: changed.policy }), /quota/, 'the mirror cannot take the new choice');
  assert.equal(await s.saveSettings(changed), true, 'the local copy is written');
  // A restarted worker reads the settings again: the mirror first, then the local copy.
  assert.deepEqual((await s.loadSettings()).policy.sites, changed.policy.sites);
});

test('a failed local write is reported to the caller', async () => {
  const set = chrome.storage.local.set;
  chrome.storage.local.set = async () => { throw new Error('QUOTA_BYTES quota exceeded'); };
  try {
    assert.equal(await s.saveSettings(withSite('third.example')), false);
  } finally {
    chrome.storage.local.set = set;
  }
});
