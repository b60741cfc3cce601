// `make bench`'s closing summary: the figures of one run in one place, collected from what the
// entries wrote under BUILD/bench (BUILD: WARDEN_BUILD_DIR, default build/native):
//   compare/compare.json          bench/compare: our engine (native, WASM) beside uBO and Ghostery
//   engine-bytes/extension.zip    bench/engine-bytes: the packed extension
//   figures/<entry>.json          any entry's own rows (bench/figures.mjs): the extension's cold start, ...
//   runs.tsv                      scripts/bench: each entry's exit status and seconds
// A file older than the run (BENCH_STARTED, seconds since the epoch) is from an earlier run: it is
// named as missing, not shown. Prints tables; asserts nothing.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { BUILD_DIR, FIGURES_DIR } from './figures.mjs';

const OUT = join(BUILD_DIR, 'bench');
const STARTED_MS = Number(process.env.BENCH_STARTED ?? 0) * 1000;
// The engines of bench/compare, ours first; the ratios are ours over each anchor's.
const ENGINES = ['warden-native', 'warden-wasm', 'ubo', 'ghostery'];
const RATIOS = ['warden-wasm/ubo', 'warden-wasm/ghostery', 'warden-native/ubo', 'warden-native/ghostery'];
// The figures files issue 11's acceptance reads, and the entry that measures each.
const EXPECTED = { 'cold-start': 'bench/extension/run-cold-start', 'site-override': 'bench/extension/run-site-override',
  'wasm-memory-chromium': 'bench/engine-bytes/run (memory.mjs)', 'wasm-memory-firefox': 'bench/engine-bytes/run (memory.mjs)' };

const fromThisRun = (file) => existsSync(file) && statSync(file).mtimeMs >= STARTED_MS;
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const fmt = (v, digits = 2) => (typeof v === 'number' && Number.isFinite(v) ? v.toFixed(digits) : '–');
// MiB, as bench/compare's own table counts them.
const mib = (bytes) => fmt(typeof bytes === 'number' ? bytes / 1048576 : null);

function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)];
}

function engines() {
  const file = join(OUT, 'compare/compare.json');
  if (!fromThisRun(file)) return ['Engines: not measured in this run (bench/compare needs the request set: WARDEN_CORPUS_DIR at configure time).'];
  const c = readJson(file);
  const byEngine = new Map(c.rows.map((r) => [r.engine, r]));
  const present = ENGINES.filter((e) => byEngine.has(e));
  return [
    `Engines on ${c.evaluated} requests (bench/compare; lists: ${c.lists.map((l) => l.name).join(', ')}):`,
    ...table(['engine', 'median µs', 'p99 µs', 'load ms', 'memory after load MiB', 'buffer MiB'],
      present.map((e) => { const r = byEngine.get(e); return [e, fmt(r.medianUs, 3), fmt(r.p99Us, 3), fmt(r.loadMs, 2), mib(r.memoryBytes), mib(r.serializedBytes)]; })),
    '',
    'Ratios, ours / theirs (< 1: ours faster or smaller):',
    ...table(['pair', 'median', 'p99', 'load', 'memory', 'buffer size'],
      RATIOS.filter((p) => c.ratios[p]).map((p) => { const q = c.ratios[p]; return [p, fmt(q.median, 3), fmt(q.p99, 3), fmt(q.load, 3), fmt(q.memory, 3), fmt(q.serializedSize, 3)]; })),
  ];
}

function extensionFigures() {
  const files = existsSync(FIGURES_DIR) ? readdirSync(FIGURES_DIR).filter((f) => f.endsWith('.json')).sort() : [];
  const reported = files.map((f) => join(FIGURES_DIR, f)).filter(fromThisRun).map(readJson);
  const rows = reported.flatMap(({ entry, rows: figures }) =>
    figures.map((r) => [entry, r.figure, `${fmt(r.value, r.unit === 'ms' ? 1 : 2)} ${r.unit}`, r.goal ?? '']));
  const zip = join(OUT, 'engine-bytes/extension.zip');
  if (fromThisRun(zip)) rows.push(['engine-bytes', 'packed extension (web-ext build zip)', `${fmt(statSync(zip).size / 1e6)} MB`, '≤ 2.5 MB']);  // the goal's unit
  const missing = Object.entries(EXPECTED).filter(([entry]) => !reported.some((r) => r.entry === entry));
  return [
    ...(rows.length ? ['Extension and other entries:', ...table(['entry', 'figure', 'value', 'goal'], rows)] : ['Extension: no figures in this run.']),
    ...missing.map(([entry, by]) => `Missing: no ${entry} figures from this run (${by} writes them with bench/figures.mjs).`),
  ];
}

function runs() {
  const file = join(OUT, 'runs.tsv');
  if (!fromThisRun(file)) return [];
  const lines = readFileSync(file, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split('\t'));
  const total = lines.reduce((sum, [, , seconds]) => sum + Number(seconds), 0);
  return ['Entries (seconds):', ...table(['entry', 'exit status', 'seconds'], lines), `All entries: ${total} s.`];
}

const lines = [
  '',
  `== make bench: summary (${new Date().toISOString()}, load average 1/5/15 min now ${loadavg().map((l) => l.toFixed(2)).join(' / ')})`,
  '',
  ...engines(),
  '',
  ...extensionFigures(),
  '',
  ...runs(),
];
console.log(lines.join('\n'));
