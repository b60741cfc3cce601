// What a per-site override costs the extension in real Chromium, on the packaged extension
// (WARDEN_EXTENSION_DIR), from "necessary only": for each category, RUNS times, the override is
// set on one site as the popup sets it (setSiteChoice) and taken back. Prints the DNR update's time
// as dnr-enforcer.js measures it (engine.compileDnr + updateDynamicRules + the rulesets enabled),
// median and max, and the dynamic rules it leaves: their count and their JSON size. Asserts nothing.
import { askBackground, launchWithExtension } from '../../tests/e2e/extension/extension_browser.mjs';

const RUNS = Number(process.env.RUNS ?? 15);
const SITE = 'shop.example';
const NECESSARY_ONLY = { functional: 'block', analytics: 'block', social: 'block', marketing: 'block' };

const ms = (v) => `${v.toFixed(1)} ms`;
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

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
  for (const category of ['analytics', 'social', 'marketing']) {
    const apply = [];
    const takeBack = [];
    let rules = null;
    for (let i = 0; i < RUNS; i++) {
      apply.push((await askBackground(page, 'setSiteChoice', { site: SITE, category, action: 'allow' })).dnr.applyMs);
      rules ??= await dynamicRules(page);
      takeBack.push((await askBackground(page, 'setSiteChoice', { site: SITE, category, action: null })).dnr.applyMs);
    }
    console.log(`Chromium, ${category} allowed on ${SITE}: ${rules.count} dynamic rules, ${rules.bytes} bytes of JSON; `
      + `applied in median ${ms(median(apply))}, max ${ms(Math.max(...apply))}; taken back in median ${ms(median(takeBack))}, `
      + `max ${ms(Math.max(...takeBack))} (${RUNS} runs)`);
  }
} finally {
  await browser.close();
}
