// build/demo/report.md: what the demo showed, for a person who did not watch it. Every figure in it
// is an observation of the run (demo server log, cookie jars, the extension's popup), not a claim.
import { writeFileSync } from 'node:fs';
import { CATEGORIES, labelOf } from '../extension/js/categories.js';

const code = (s) => `\`${s}\``;
const yes = (b) => (b ? 'yes' : 'no');

function tagTable(step) {
  const rows = CATEGORIES.flatMap(({ key }) => step.tags.filter((t) => t.category === key).map((t) => {
    const u = new URL(t.url);
    return `| ${labelOf(key)} | ${t.vendor} | ${code(u.host + u.pathname)} | ${t.reached ? 'loaded' : '**blocked**'} |`;
  }));
  const beacons = step.beacons.map((b) => `| ${labelOf(b.category)} | ${b.vendor} (beacon) | ${code(b.host + b.path)} | loaded |`);
  return ['| Category | Vendor | Tag | Reached the server? |', '|---|---|---|---|', ...rows, ...beacons].join('\n');
}

function categoryCounts(step) {
  const counts = step.extension?.categories ?? {};
  const cells = CATEGORIES.map(({ key }) => `${labelOf(key)} ${counts[key]?.blocked ?? 0} blocked / ${counts[key]?.allowed ?? 0} allowed`);
  return `The extension's own count for the tab (popup): ${step.popupSummary} — ${cells.join('; ')}.`;
}

// What became of a tracker cookie that is not in the jar, from the extension's report of the tab.
function missingOutcome(step, name) {
  const write = step.extension?.refusedWrites?.find((w) => w.name === name);
  if (write) return `**refused** by the cookie guard (${write.how}${write.host ? ` on ${write.host}` : ''})`;
  const removed = step.extension?.removedFromJar?.find((c) => c.name === name);
  if (removed) return `**removed** from the jar by the backstop (${removed.domain})`;
  const category = step.trackers.find((c) => c.name === name)?.category;
  return step.tags.some((t) => t.category === category && !t.reached) ? `**never set**: its ${labelOf(category).toLowerCase()} tag was blocked` : '**not in the jar**';
}

function jarTable(step, trackerNames) {
  const own = step.jar.filter((c) => !trackerNames.has(c.name));
  if (!step.jar.length) return `The cookie jar for ${step.host} is empty.`;
  return [
    `Cookies in the jar for ${step.host} (${step.jar.length}; the site's own: ${own.map((c) => code(c.name)).join(', ') || 'none'}):`, '',
    '| Cookie | Domain | HttpOnly |', '|---|---|---|', ...step.jar.map((c) => `| ${code(c.name)} | ${c.domain} | ${yes(c.httpOnly)} |`),
  ].join('\n');
}

function cookieSection(step, trackers, title) {
  const trackerRows = trackers.map((c) => `| ${code(c.name)} | ${labelOf(c.category)} | ${c.how} | ${c.kept ? 'in the jar (allowed)' : missingOutcome(step, c.name)} |`);
  return [
    jarTable(step, new Set(trackers.map((c) => c.name))), '', `${title}:`, '',
    '| Cookie | Category | Written by | Outcome |', '|---|---|---|---|', ...trackerRows,
  ].join('\n');
}

const images = (step, alt) => step.screenshots.map((f) => `![${alt}: ${f}](${f})`).join('\n');

function deletionSection(d) {
  const rows = d.elsewhere.map((r) => `| ${r.text.replace(' — ', ' | ')} |`);
  return [
    '## 4. "Delete site data" on the shop', '',
    `The popup's Delete button first shows what would go (this browser's cookies and storage, and a dry run in the other profiles); confirming clears shop.example in this browser, then asks the native host (\`delete_site\` over a native-messaging port) to delete it in every other browser profile it finds. The host runs with the demo's home, so it finds only the demo's profiles: the running Chromium profile and a ${d.otherBrowser} profile a plain browser (no extension) wrote by visiting the shop and the news site.`, '',
    `- This browser: ${d.here}`,
    `- Shop cookies in this browser: ${d.before.here.length} before, ${d.after.here.length} after.`, '',
    '| Profile (as the popup lists it) | Outcome |', '|---|---|', ...rows, '',
    `- ${d.otherBrowser}'s cookie file (read with sqlite3): shop.example cookies before: ${d.before.other.map(code).join(', ') || 'none'}; after: ${d.after.other.map(code).join(', ') || 'none'}; news.example cookies left untouched: ${d.newsKept.map(code).join(', ') || 'none'}.`, '',
    images(d, 'Popup after Delete site data'),
  ].join('\n');
}

function checksSection(checks) {
  return ['## Checks', '', ...checks.map((c) => `- ${c.ok ? '✓' : '✗'} ${c.label}${c.ok ? '' : ` — ${c.detail}`}`)].join('\n');
}

export function writeReport(path, { setup, story, checks }) {
  const { necessaryOnly: n, override: o, news } = story;
  const text = [
    '# Cookie Warden demo report', '',
    `${setup.date} · ${setup.browser} (${setup.mode}) with the packaged extension \`${setup.extensionDir}\` · demo sites served locally (\`demo/site/server.mjs\`).`, '',
    '## Setup', '',
    `- Native host registered for the demo's Chromium profile only: \`${setup.host.manifestPath}\` (host \`${setup.host.hostName}\`, binary \`${setup.host.binary}\`, allowed: ${setup.host.allowedOrigins.map(code).join(', ')}).`,
    `- The demo's home (profiles, installer record): \`${setup.home}\`. Nothing is written to the person's own browsers.`, '',
    '## 1. Necessary only (nothing chosen yet) — www.shop.example', '',
    tagTable(n), '', categoryCounts(n), '', cookieSection(n, n.trackers, 'Tracker cookies the shop\'s tags and code write'), '', images(n, 'Necessary only'), '',
    '## 2. Analytics allowed for shop.example only (the popup\'s switch)', '',
    `Stored per-site choice: \`${JSON.stringify(o.stored)}\`. The shop reloaded:`, '',
    tagTable(o), '', categoryCounts(o), '', cookieSection(o, o.trackers, 'Tracker cookies the shop\'s tags and code write'), '', images(o, 'Analytics allowed on the shop'), '',
    '## 3. The same Google Analytics tag on www.news.example', '',
    'The override is the shop\'s alone: on the news site the person\'s default (necessary only) still applies.', '',
    tagTable(news), '', categoryCounts(news), '', cookieSection(news, news.trackers.filter((c) => c.category === 'analytics'), 'Analytics cookies (what Google Analytics writes where it runs)'), '', images(news, 'News site'), '',
    deletionSection(story.deletion), '',
    checksSection(checks), '',
  ].join('\n');
  writeFileSync(path, text);
}
