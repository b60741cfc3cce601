// The cookie-banner rules (rules/cmp/*.json, schemas/cmp-rule.schema.json) and which of a rule's
// step lists answers the person's choice on a site. The background decides the plan; the page's
// runner (content/banner-answerer.js) only ever receives that one list, so a rule's acceptAll
// steps never reach a page where something is refused.
import { CHOOSABLE } from './categories.js';
import { actionFor } from './policy.js';

export const INDEX_PATH = 'rules/cmp/index.json';

// {functional: true|false, ...}: what the person allows on the site, overrides included.
export function allowedOn(policy, site) {
  return Object.fromEntries(CHOOSABLE.map((c) => [c, actionFor(policy, site, c) === 'allow']));
}

// {kind, steps, allOrNothing}: kind is rejectAll, choose or acceptAll. allOrNothing: the person
// allows some categories but the banner only knows allow and deny, so it is denied.
export function planFor(rule, allowed) {
  const values = CHOOSABLE.map((c) => allowed[c] === true);
  const all = values.every(Boolean);
  const none = !values.some(Boolean);
  if (all && rule.acceptAll) return { kind: 'acceptAll', steps: rule.acceptAll, allOrNothing: false };
  if (none || (rule.granularity === 'all-or-nothing' && !all)) {
    return { kind: 'rejectAll', steps: rule.rejectAll, allOrNothing: !none };
  }
  return { kind: 'choose', steps: rule.choose ?? [], allOrNothing: false };
}

// What a page's runner needs of one rule: how to find and hide the banner, the plan's steps, and
// the controls it must not click unless the plan is acceptAll.
export function pageRule(rule, allowed) {
  const { kind, steps, allOrNothing } = planFor(rule, allowed);
  return {
    id: rule.id, name: rule.name, detect: rule.detect, banner: rule.banner, done: rule.done,
    frames: rule.frames === true, frameUrl: rule.frameUrl ?? '',
    acceptControls: rule.acceptControls ?? [], kind, steps, allOrNothing,
  };
}

const isSelectorList = (v) => Array.isArray(v) && v.length > 0 && v.every((s) => typeof s === 'string' && s);

// The fields the runner cannot do without; the shipped rules are checked against the whole schema
// by tests/extension/banner_rules_test.mjs. null, or what is wrong.
export function ruleProblem(rule) {
  if (!rule || typeof rule !== 'object' || rule.version !== 1) return 'not a version 1 rule';
  if (typeof rule.id !== 'string' || !rule.id || typeof rule.name !== 'string') return 'no id or name';
  for (const key of ['detect', 'banner', 'done']) if (!isSelectorList(rule[key])) return `${key} is not a list of selectors`;
  if (!Array.isArray(rule.rejectAll)) return 'no rejectAll steps';
  if (rule.granularity === 'categories' && !Array.isArray(rule.choose)) return 'no choose steps';
  return null;
}

// The rules the index lists, each read with `readJson(path)`; a file that cannot be read or lacks
// what the runner needs is left out with a warning, and the others still answer banners.
export async function loadBannerRules(readJson) {
  const index = await readJson(INDEX_PATH);
  const files = Array.isArray(index?.rules) ? index.rules : [];
  const rules = await Promise.all(files.map(async (file) => {
    try {
      const rule = await readJson(`rules/cmp/${file}`);
      const problem = ruleProblem(rule);
      if (!problem) return rule;
      console.warn(`Cookie Warden: banner rule ${file} left out: ${problem}`);
    } catch (e) {
      console.warn(`Cookie Warden: banner rule ${file} left out: ${e.message}`);
    }
    return null;
  }));
  return rules.filter(Boolean);
}
