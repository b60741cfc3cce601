// The demo without a display (demo/show-extension.mjs --headless, as `make demo` runs it on a
// machine without one), into a temporary folder: it must succeed, register the native host in its
// own profile only, and leave a report that tells the story — with the outcomes the demo observed —
// plus a screenshot of every step.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const DEMO = fileURLToPath(new URL('../../../demo/show-extension.mjs', import.meta.url));
const SCREENSHOTS = ['1-shop-necessary-only.png', '2-popup-necessary-only.png', '3-popup-analytics-allowed.png',
  '4-shop-analytics-allowed.png', '5-news-site.png', '6-popup-news-site.png', '7-popup-delete-site-data.png'];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

let out;
let run;
let report;

// The report's "## N. ..." sections by their number.
function section(number) {
  const part = report.split('\n## ').find((s) => s.startsWith(`${number}. `));
  assert.ok(part, `no section ${number} in the report`);
  return part;
}

const row = (category, vendor, outcome) => new RegExp(`^\\| ${category} \\| ${vendor} \\| \`[^\`]+\` \\| ${outcome} \\|$`, 'm');

before(() => {
  out = mkdtempSync(join(tmpdir(), 'cw-demo-'));
  const env = { ...process.env };
  delete env.DISPLAY;
  run = spawnSync(process.execPath, [DEMO, '--headless', '--out', out], { env, encoding: 'utf8', timeout: 240_000 });
  if (existsSync(join(out, 'report.md'))) report = readFileSync(join(out, 'report.md'), 'utf8');
});
after(() => rmSync(out, { recursive: true, force: true }));

test('the demo succeeds and says where its report and screenshots are', () => {
  assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
  assert.match(run.stdout, /All \d+ checks hold/);
  assert.ok(run.stdout.includes(join(out, 'report.md')), run.stdout);
  assert.match(run.stdout, /headless \(no display\)/);
});

test('the native host is registered in the demo\'s own Chromium profile, naming the built binary', () => {
  const manifestPath = join(out, 'home/.config/chromium/NativeMessagingHosts/org.cookiewarden.host.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  assert.equal(manifest.name, 'org.cookiewarden.host');
  if (process.env.COOKIEWARDEN) assert.equal(manifest.path, process.env.COOKIEWARDEN);
  assert.ok(report.includes(manifestPath), 'the report names the manifest it registered');
});

test('necessary only: the report lists the necessary tags loaded, the others blocked, the trackers refused', () => {
  const s = section(1);
  assert.match(s, row('Necessary', 'reCAPTCHA', 'loaded'));
  assert.match(s, row('Analytics', 'Google Analytics', '\\*\\*blocked\\*\\*'));
  assert.match(s, row('Marketing', 'Facebook Ads', '\\*\\*blocked\\*\\*'));
  assert.match(s, /\| `_fbp` \| Marketing \| .* \| \*\*refused\*\* by the cookie guard/);
  assert.match(s, /\| `_gcl_au` \| Marketing \| .* \| \*\*removed\*\* from the jar by the backstop/);
  assert.match(s, /^\| `shop_session` \| www\.shop\.example \| yes \|$/m);
});

test('the override: stored for shop.example, Google Analytics loads and _ga stays on the shop only', () => {
  const s = section(2);
  assert.ok(s.includes('`{"shop.example":{"analytics":"allow"}}`'), s);
  assert.match(s, row('Analytics', 'Google Analytics', 'loaded'));
  assert.match(s, row('Social media', 'Twitter sharing', '\\*\\*blocked\\*\\*'));
  assert.match(s, /^\| `_ga` \| Analytics \| .* \| in the jar \(allowed\) \|$/m);
  const news = section(3);
  assert.match(news, row('Analytics', 'Google Analytics', '\\*\\*blocked\\*\\*'));
  assert.match(news, /^\| `_ga` \| Analytics \| .* \| \*\*never set\*\*: its analytics tag was blocked \|$/m);
});

test('"Delete site data" reached the other browser through the native host and left the running one alone', () => {
  const s = section(4);
  assert.match(s, /^\| Google Chrome · .+ \| [1-9]\d* items? deleted — can be undone until .+ \|$/m);
  assert.match(s, /^\| Chromium · .+ \| running: skipped \|$/m);
  assert.match(s, /Shop cookies in this browser: [1-9]\d* before, 0 after\./);
  assert.match(s, /shop\.example cookies before: `.+`; after: none;/);
});

test('every check in the report holds', () => {
  const checks = report.split('\n## Checks\n')[1] ?? '';
  assert.match(checks, /✓/);
  assert.doesNotMatch(checks, /✗/);
});

test('a screenshot of every step, each a PNG the report shows', () => {
  for (const name of SCREENSHOTS) {
    const file = join(out, name);
    assert.ok(existsSync(file), `${name} missing`);
    assert.deepEqual(readFileSync(file).subarray(0, 8), PNG_SIGNATURE, name);
    assert.ok(report.includes(`](${name})`), `the report does not show ${name}`);
  }
});
