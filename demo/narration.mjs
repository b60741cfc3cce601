// The demo's console output: one short block per step, printed as soon as the step is done.
import { CATEGORIES, labelOf } from '../extension/js/categories.js';

const LABEL_WIDTH = 13;
const pad = (text) => text.padEnd(LABEL_WIDTH);
const list = (items) => items.join(', ') || '—';
const uniq = (items) => [...new Set(items)];

function heading(number, title, url) {
  console.log(`\n${number}  ${title}${url ? `  (${url})` : ''}`);
}

function tagLines(step) {
  for (const { key } of CATEGORIES) {
    const tags = step.tags.filter((t) => t.category === key);
    if (!tags.length) continue;
    const loaded = uniq(tags.filter((t) => t.reached).map((t) => t.vendor));
    const blocked = uniq(tags.filter((t) => !t.reached).map((t) => t.vendor));
    if (loaded.length) console.log(`   ${pad(labelOf(key))}loaded   ${list(loaded)}`);
    if (blocked.length) console.log(`   ${pad(loaded.length ? '' : labelOf(key))}blocked  ${list(blocked)}`);
  }
}

// `missing` names the tracker cookies that are not in the jar: "refused" where the page writes
// them, "absent" where the page's tags would have.
function cookieLines(step, trackers, missing = 'refused') {
  const trackerNames = new Set(trackers.map((c) => c.name));
  const own = step.jar.map((c) => c.name).filter((n) => !trackerNames.has(n));
  console.log(`   ${pad('Cookies')}site's   ${list(own)}`);
  const kept = trackers.filter((c) => c.kept).map((c) => c.name);
  if (kept.length) console.log(`   ${pad('')}allowed  ${list(kept)}`);
  const refused = trackers.filter((c) => !c.kept).map((c) => c.name);
  if (refused.length) console.log(`   ${pad('')}${missing.padEnd(9)}${list(refused)}`);
}

const steps = {
  necessaryOnly(step) {
    heading(1, 'Necessary only — the person has chosen nothing yet', step.url);
    tagLines(step);
    cookieLines(step, step.trackers);
    console.log(`   ${pad('Popup')}${step.popupSummary}`);
  },
  override(step) {
    heading(2, 'In the popup, Analytics switched on for shop.example only', step.url);
    console.log(`   ${pad('Stored')}${JSON.stringify(step.stored)}`);
    tagLines(step);
    cookieLines(step, step.trackers);
    console.log(`   ${pad('Popup')}${step.popupSummary}`);
  },
  news(step) {
    heading(3, 'The same Google Analytics tag on another site', step.url);
    tagLines(step);
    cookieLines(step, step.trackers.filter((c) => c.category === 'analytics'), 'absent');
    console.log(`   ${pad('Popup')}${step.popupSummary}`);
  },
  deletion(step) {
    heading(4, '"Delete site data" in the popup, on the shop');
    console.log(`   ${pad('This browser')}${step.here}`);
    for (const row of step.elsewhere) console.log(`   ${pad('')}${row.text}`);
    console.log(`   ${pad('Checked')}${step.otherBrowser}'s cookie file: ${step.before.other.length} shop cookies before, ` +
      `${step.after.other.length} after; the news site's ${step.newsKept.length} kept`);
  },
};

export function tellStep(name, step) {
  steps[name](step);
}

export function tellChecks(checks) {
  const failed = checks.filter((c) => !c.ok);
  console.log(failed.length ? `\n✗ ${failed.length} of ${checks.length} checks failed:` : `\n✓ All ${checks.length} checks hold (see the report).`);
  for (const c of failed) console.log(`   ✗ ${c.label}: ${c.detail}`);
}
