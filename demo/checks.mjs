// What the demo claims, checked against what it observed: `make demo` fails when the extension did
// not do what the demo says it does.
import { SITE_COOKIES } from './site/tags.mjs';

const names = (list) => list.map((x) => x.name ?? x.vendor);

function check(label, ok, detail) {
  return { label, ok: Boolean(ok), detail: ok ? '' : detail };
}

function necessaryOnlyChecks(step) {
  const wrongTags = step.tags.filter((t) => t.reached !== (t.category === 'necessary'));
  const keptTrackers = step.trackers.filter((c) => c.kept);
  const jar = step.jar.map((c) => c.name);
  const missingOwn = SITE_COOKIES.filter((n) => !jar.includes(n));
  return [
    check('necessary only: the necessary tags load, every other tag and beacon is blocked',
      wrongTags.length === 0 && step.beacons.length === 0, `wrong: ${names(wrongTags).concat(names(step.beacons)).join(', ')}`),
    check('necessary only: no tracker cookie in the jar', keptTrackers.length === 0, `kept: ${names(keptTrackers).join(', ')}`),
    check('necessary only: the shop\'s own cookies work', missingOwn.length === 0, `missing: ${missingOwn.join(', ')}`),
  ];
}

function overrideChecks(step) {
  const ga = step.tags.find((t) => t.id === 'gtag');
  const others = step.tags.filter((t) => !['necessary', 'analytics'].includes(t.category) && t.reached);
  const kept = (n) => step.trackers.find((c) => c.name === n)?.kept;
  const marketingKept = step.trackers.filter((c) => c.category === 'marketing' && c.kept);
  return [
    check('the override is stored for shop.example', step.stored?.['shop.example']?.analytics === 'allow', JSON.stringify(step.stored)),
    check('analytics allowed on the shop: Google Analytics loads and _ga stays', ga?.reached && kept('_ga'), `gtag reached: ${ga?.reached}, _ga kept: ${kept('_ga')}`),
    check('analytics allowed on the shop: social media and marketing stay blocked', others.length === 0 && marketingKept.length === 0,
      `loaded: ${names(others).join(', ')}; kept: ${names(marketingKept).join(', ')}`),
  ];
}

function newsChecks(step) {
  const ga = step.tags.find((t) => t.id === 'gtag');
  const jar = step.jar.map((c) => c.name);
  return [check('on the news site Google Analytics stays blocked and no _ga exists', ga && !ga.reached && !jar.includes('_ga'),
    `gtag reached: ${ga?.reached}, jar: ${jar.join(', ')}`)];
}

function deletionChecks(step) {
  const running = step.elsewhere.find((r) => r.text.startsWith('Chromium'));
  return [
    check('Delete site data: no shop cookie left in this browser', step.after.here.length === 0, `left: ${step.after.here.join(', ')}`),
    check(`Delete site data: the native host deleted the shop's cookies in ${step.otherBrowser}`,
      step.before.other.length > 0 && step.after.other.length === 0, `before: ${step.before.other.join(', ')}; after: ${step.after.other.join(', ')}`),
    check(`Delete site data: ${step.otherBrowser} keeps the news site's cookies`, step.newsKept.length > 0, 'none left'),
    check('Delete site data: the running Chromium profile is left alone', /running: skipped/.test(running?.text ?? ''),
      step.elsewhere.map((r) => r.text).join(' | ')),
  ];
}

export function checkStory(story) {
  return [
    ...necessaryOnlyChecks(story.necessaryOnly),
    ...overrideChecks(story.override),
    ...newsChecks(story.news),
    ...deletionChecks(story.deletion),
  ];
}
