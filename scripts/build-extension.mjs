#!/usr/bin/env node
// Assembles the packaged extension in build/extension/ from extension/, the WASM module and a
// compiled engine buffer, and generates what the cookie guard and the onboarding page need from
// the engine's rules:
//   wasm/                     warden.js, warden.mjs, warden.wasm, status.js, enums.js (WASM build)
//   engine/engine.bin         `cookiewarden compile -o`: the built-in vendor rules + EasyPrivacy (analytics)
//                             and EasyList (marketing) from engine/rules/lists/
//   rulesets/warden_<c>.json  the DNR static ruleset of each category (`compile --dnr-static`), declared
//                             in the manifest disabled; the background enables the refused ones
//   lists/LICENSES.md         the licence note of the rule data compiled in (engine/rules/LICENSES.md): the
//                             filter lists ship compiled only, under CC BY-SA 3.0 with their attribution
//   policy/p<F><A><S><M>.js   the 16 guard policies (functional, analytics, social, marketing allowed?)
//   content/cookie-table.js   cookie-name -> category rules, each one classified by the engine itself
//   data/vendors.json         vendor names per category, for "Show details"
//
// Usage: node scripts/build-extension.mjs [--wasm DIR] [--cookiewarden BIN] [--engine FILE] [--out DIR]
// Defaults: --wasm build/wasm/dist, --cookiewarden build/native/native-host/cookiewarden, --out build/extension.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseCsv } from './csv.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CHOOSABLE = ['functional', 'analytics', 'social', 'marketing'];
const WASM_FILES = ['warden.js', 'warden.mjs', 'warden.wasm', 'status.js', 'enums.js'];
// Each list's blocking rules mean one category (engine/rules/LICENSES.md).
const LISTS = [['easyprivacy.txt', 'analytics'], ['easylist.txt', 'marketing']];

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? resolve(process.argv[i + 1]) : fallback;
}

function fail(message) {
  console.error(`build-extension: ${message}`);
  process.exit(1);
}

const out = option('out', join(root, 'build/extension'));
const wasmDir = option('wasm', join(root, 'build/wasm/dist'));
const cli = option('cookiewarden', join(root, 'build/native/native-host/cookiewarden'));
const engineFile = option('engine', null);

function copySources() {
  rmSync(out, { recursive: true, force: true });
  // ids.json is for the native host installer, not the package.
  cpSync(join(root, 'extension'), out, { recursive: true, filter: (src) => !src.endsWith('/ids.json') && !src.includes('/extension/build') });
}

function copyWasm() {
  const missing = WASM_FILES.filter((f) => !existsSync(join(wasmDir, f)));
  if (missing.length) fail(`${wasmDir} lacks ${missing.join(', ')}: build the wasm preset first (cmake --preset wasm && cmake --build --preset wasm)`);
  mkdirSync(join(out, 'wasm'), { recursive: true });
  for (const f of WASM_FILES) cpSync(join(wasmDir, f), join(out, 'wasm', f));
}

// The lists ship once, compiled (engine.bin, rulesets/), under CC BY-SA 3.0: that licence asks for
// the attribution, source and licence notice LICENSES.md carries, not for the raw text.
function copyLicences() {
  mkdirSync(join(out, 'lists'), { recursive: true });
  cpSync(join(root, 'engine/rules/LICENSES.md'), join(out, 'lists/LICENSES.md'));
}

// --engine FILE replaces the compiled engine only; the static rulesets always come from the lists.
function compileEngine() {
  const target = join(out, 'engine/engine.bin');
  mkdirSync(dirname(target), { recursive: true });
  if (!existsSync(cli)) fail(`${cli} not found: build the native preset's cookiewarden target`);
  const lists = LISTS.flatMap(([file, category]) => ['--list', `${join(root, 'engine/rules/lists', file)}:${category}`]);
  execFileSync(cli, ['compile', ...lists, '--dnr-static', join(out, 'rulesets'), '-o', target], { stdio: ['ignore', 'inherit', 'inherit'] });
  if (engineFile) cpSync(engineFile, target);
}

// Declared disabled: until the background has read the person's choice, the dynamic rules decide.
function declareRulesets() {
  const manifestPath = join(out, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const ids = readdirSync(join(out, 'rulesets')).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length)).sort();
  manifest.declarative_net_request = { rule_resources: ids.map((id) => ({ id, enabled: false, path: `rulesets/${id}.json` })) };
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  return ids;
}

function writePolicies() {
  mkdirSync(join(out, 'policy'), { recursive: true });
  for (let bits = 0; bits < 16; bits++) {
    const flags = CHOOSABLE.map((_, i) => ((bits >> (CHOOSABLE.length - 1 - i)) & 1) === 1);
    const id = 'p' + flags.map((f) => (f ? '1' : '0')).join('');
    const policy = { id, ...Object.fromEntries(CHOOSABLE.map((c, i) => [c, flags[i]])) };
    writeFileSync(join(out, 'policy', `${id}.js`),
      `// Generated by scripts/build-extension.mjs: the categories allowed where this file is registered.\n` +
      `self.__cwPolicy = ${JSON.stringify(policy)};\n`);
  }
}

// Candidate cookie rules come from the rule sources the engine is built from; the category of each
// is the engine's own answer, so the guard and the engine cannot disagree on a listed name.
function candidateRules() {
  const vendors = JSON.parse(readFileSync(join(root, 'engine/rules/vendors.json'), 'utf8')).vendors;
  const rules = [];
  for (const v of vendors) {
    for (const c of v.cookies ?? []) rules.push({ name: c.name, prefix: Boolean(c.prefix), domain: c.domain ?? '', vendor: v.name });
  }
  const [header, ...rows] = parseCsv(readFileSync(join(root, 'engine/rules/open-cookie-database.csv'), 'utf8'));
  const col = (title) => header.indexOf(title);
  const [platform, name, domain, wildcard] = ['Platform', 'Cookie / Data Key name', 'Domain', 'Wildcard match'].map(col);
  for (const row of rows) {
    if (!row[name]?.trim()) continue;
    rules.push({ name: row[name].trim(), prefix: row[wildcard] === '1', domain: hostIn(row[domain]), vendor: row[platform] });
  }
  return rules;
}

// OCD's Domain column holds free text at times ("cookiebot.com (3rd party)"): keep the host in it.
function hostIn(text = '') {
  const m = /^\.?([a-z0-9-]+(\.[a-z0-9-]+)+)/.exec(text.trim().toLowerCase());
  return m ? m[1] : '';
}

async function loadNodeEngine() {
  const { Warden } = await import(pathToFileURL(join(out, 'wasm/warden.js')).href);
  const engine = await Warden.load({ wasmBinary: readFileSync(join(out, 'wasm/warden.wasm')), engineBytes: readFileSync(join(out, 'engine/engine.bin')) });
  engine.setPolicy({});
  return engine;
}

// A rule is kept with its domain unless the engine gives the name the same category on an
// unrelated site, in which case the engine treats it as a name-only rule.
function classify(engine, rule) {
  const name = rule.prefix ? `${rule.name}x` : rule.name;
  const ask = (domain) => engine.decideCookie({ name, domain, topUrl: `https://${domain}/`, source: 'script' });
  const scoped = ask(rule.domain || 'www.example.org');
  if (scoped.category === 'unknown') return null;
  const anywhere = rule.domain ? ask('www.example.org') : scoped;
  const nameOnly = anywhere.category === scoped.category;
  return { name: rule.name, prefix: rule.prefix, domain: nameOnly ? '' : rule.domain, category: scoped.category, vendor: scoped.vendor || rule.vendor };
}

async function writeRuleTables() {
  const engine = await loadNodeEngine();
  const seen = new Set();
  const table = [];
  const vendors = Object.fromEntries(['necessary', ...CHOOSABLE].map((c) => [c, new Set()]));
  let unclassified = 0;
  for (const rule of candidateRules()) {
    let c = null;
    try {
      c = classify(engine, rule);
    } catch {
      // the engine refuses the row's name or domain: the guard cannot use it either
    }
    if (!c) { unclassified += 1; continue; }
    vendors[c.category]?.add(c.vendor);
    const key = `${c.name}\u0000${c.prefix}\u0000${c.domain}`;
    if (seen.has(key)) continue;
    seen.add(key);
    table.push([c.name, c.prefix ? 1 : 0, c.domain, c.category]);
  }
  for (const v of JSON.parse(readFileSync(join(root, 'engine/rules/vendors.json'), 'utf8')).vendors) {
    const probe = v.hosts?.[0] && engine.decideRequest({ url: `https://${v.hosts[0].host}${v.hosts[0].path ?? '/'}`, topUrl: 'https://www.example.org/', type: 'script' });
    if (probe && vendors[probe.category]) vendors[probe.category].add(probe.vendor || v.name);
  }
  engine.free();
  // The guard never refuses necessary cookies: it needs a necessary rule only where it shadows a
  // refusable prefix rule ("__Host-" under no refusable prefix, dropped; "_ga_keep" under "_ga_", kept).
  const refusablePrefixes = table.filter(([, prefix, , category]) => prefix && category !== 'necessary').map(([name]) => name);
  const guardTable = table.filter(([name, , , category]) => category !== 'necessary' || refusablePrefixes.some((p) => name.startsWith(p)));
  writeFileSync(join(out, 'content/cookie-table.js'),
    `// Generated by scripts/build-extension.mjs from the engine's cookie rules: [name, prefix, domain, category].\n` +
    `self.__cwCookieTable = ${JSON.stringify({ rules: guardTable })};\n`);
  mkdirSync(join(out, 'data'), { recursive: true });
  writeFileSync(join(out, 'data/vendors.json'),
    JSON.stringify(Object.fromEntries(Object.entries(vendors).map(([k, s]) => [k, [...s].sort((a, b) => a.localeCompare(b))])), null, 1));
  return { cookieRules: guardTable.length, classified: table.length, unclassified };
}

copySources();
copyWasm();
copyLicences();
compileEngine();
const rulesets = declareRulesets();
writePolicies();
const counts = await writeRuleTables();
console.log(`build-extension: ${out} (${counts.classified} cookie rules classified by the engine, ${counts.cookieRules} of them in the guard's table; ` +
  `${counts.unclassified} source rows the engine does not classify; static rulesets ${rulesets.join(', ')})`);
