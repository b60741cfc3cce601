// What a per-site override costs the extension in real Chromium, on the packaged extension
// (WARDEN_EXTENSION_DIR), from "necessary only": for each category, RUNS times, the override is
// set on one site as the popup sets it (setSiteChoice) and taken back. Prints the DNR update's time
// as dnr-enforcer.js measures it (engine.compileDnr + updateDynamicRules + the rulesets enabled),
// median and max, and the dynamic rules it leaves: their count and their JSON size. Beside them the
// floor: updateDynamicRules adding one trivial rule, timed the same way around the browser's own
// call, from an extension page, in each run just before the override. Asserts nothing.
import { askBackground, launchWithExtension } from '../../tests/e2e/extension/extension_browser.mjs';
import { writeFigures } from '../figures.mjs';

const RUNS = Number(process.env.RUNS ?? 15);
const SITE = 'shop.example';
const NECESSARY_ONLY = { functional: 'block', analytics: 'block', social: 'block', marketing: 'block' };

const ms = (v) => `${v.toFixed(1)} ms`;
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

// The least an update costs: adding one rule that matches nothing real (removed after, untimed).
const FLOOR_RULE = { id: 999999, priority: 1, action: { type: 'block' }, condition: { requestDomains: ['floor.invalid'] } };

async function floorTime(page) {
  return page.evaluate(async (rule) => {
    const started = performance.now();
    await chrome.declarativeNetRequest.updateDynamicRules({ addRules: [rule] });
    const took = performance.now() - started;
    await chrome.declarativeNetRequest.updateDynamicRules({ removeRuleIds: [rule.id] });
    return took;
  }, FLOOR_RULE);
}

async function dynamicRules(page) {
  return page.evaluate(async () => {
    const rules = await chrome.declarativeNetRequest.getDynamicRules();
    return { count: rules.length, bytes: JSON.stringify(rules).length };
  });
}

const browser = await launchWithExtension({ port: 9 });
try {
  const page = await browser.context.newPage();
  await page.goto(browser.extensionUrl('pages/options.html'));
  await askBackground(page, 'setDefaults', { defaults: NECESSARY_ONLY });
  const base = await dynamicRules(page);
  console.log(`Chromium, necessary only: ${base.count} dynamic rules, ${base.bytes} bytes of JSON`);
  // The floor is timed in every run beside the override (the machine's load changes by the minute).
  const summary = (values) => `median ${ms(median(values))}, max ${ms(Math.max(...values))}`;
  const figures = [];
  for (const category of ['analytics', 'social', 'marketing']) {
    const apply = [];
    const takeBack = [];
    const floor = [];
    let rules = null;
    for (let i = 0; i < RUNS; i++) {
      floor.push(await floorTime(page));
      apply.push((await askBackground(page, 'setSiteChoice', { site: SITE, category, action: 'allow' })).dnr.applyMs);
      rules ??= await dynamicRules(page);
      takeBack.push((await askBackground(page, 'setSiteChoice', { site: SITE, category, action: null })).dnr.applyMs);
    }
    console.log(`Chromium, ${category} allowed on ${SITE}: ${rules.count} dynamic rules, ${rules.bytes} bytes of JSON; `
      + `applied in ${summary(apply)}; taken back in ${summary(takeBack)}; floor (updateDynamicRules adding one `
      + `trivial rule) in the same runs ${summary(floor)} (${RUNS} runs)`);
    figures.push(
      { figure: `${category} override: dynamic rules' JSON`, value: rules.bytes / 1024, unit: 'KiB', goal: '≤ 50 KB' },
      { figure: `${category} override applied, median`, value: median(apply), unit: 'ms', goal: '≤ 5 ms or the floor' },
      { figure: `${category} override applied, max`, value: Math.max(...apply), unit: 'ms' },
      { figure: `floor beside ${category}: updateDynamicRules with one rule, median`, value: median(floor), unit: 'ms' },
    );
  }
  writeFigures('site-override', figures);
} finally {
  await browser.close();
}
