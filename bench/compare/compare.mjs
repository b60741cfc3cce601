#!/usr/bin/env node
// One run of the comparison: our engine natively (native_bench) and in WASM, uBlock Origin and
// Ghostery, each in a fresh process on the same requests and lists; then the table, the ratios
// ours/theirs, and every request where our block/allow differs from an anchor, with both rules.
//   compare.mjs --config=BUILD/bench/compare/config.json --out=DIR
//               [--engines=warden-wasm,ubo,ghostery] [--native=0] [--show=40]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { loadRequests } from './requests.mjs';
import { BENCH_LISTS, BENCH_POLICY } from './bench_config.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    config: { type: 'string' },
    out: { type: 'string' },
    engines: { type: 'string' },
    native: { type: 'string' },
    show: { type: 'string' },
  },
});
const config = JSON.parse(fs.readFileSync(args.config, 'utf8'));
const OUT = path.resolve(args.out);
const JS_ENGINES = (args.engines ?? 'warden-wasm,ubo,ghostery').split(',');
const SHOW = Number(args.show ?? 40);
const WITH_NATIVE = args.native !== '0';
const OURS = ['warden-wasm', 'warden-native'];
const ANCHORS = ['ubo', 'ghostery'];
const TARGETS = { speedupVsUbo: 5, loadMs: 1, linearBytes: 8 * 2 ** 20, wasmBytes: 400 * 1024 };

function run(cmd, argv) {
  const p = spawnSync(cmd, argv, { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, NODE_ENV: 'production' } });
  if (p.status !== 0) throw new Error(`${path.basename(cmd)} ${argv.slice(0, 2).join(' ')} failed (${p.status ?? p.signal})`);
}

function runAll() {
  fs.mkdirSync(OUT, { recursive: true });
  if (WITH_NATIVE) run(config.nativeBench, ['--rules', config.rules, '--corpus', config.corpus, '--out', OUT, '--policy', JSON.stringify(BENCH_POLICY),
    ...BENCH_LISTS.flatMap((l) => ['--list', `${l.file}:${l.category}`])]);
  for (const engine of JS_ENGINES) {
    run(process.execPath, ['--expose-gc', path.join(HERE, 'run_engine.mjs'), `--engine=${engine}`, `--rules=${config.rules}`, `--corpus=${config.corpus}`,
      `--out=${OUT}`, `--wasm-dist=${path.join(config.wasmBuild, 'dist')}`, `--engine-file=${path.join(OUT, 'engine.bin')}`]);
  }
  const results = {};
  for (const e of [...(WITH_NATIVE ? ['warden-native'] : []), ...JS_ENGINES]) results[e] = JSON.parse(fs.readFileSync(path.join(OUT, `${e}.json`), 'utf8'));
  return results;
}

// Memory held once the serialized engine is loaded: linear memory for WASM, the buffer natively,
// heap + ArrayBuffer growth for the JS engines.
function memoryBytes(r) {
  if (r.memory.linearBytes !== undefined) return r.memory.linearBytes;
  if (r.engine === 'warden-native') return r.memory.engineBytes;
  return r.memory.heapDeltaBytes + r.memory.arrayBuffersDeltaBytes;
}

function differences(requests, a, b) {
  const list = [];
  for (let i = 0; i < requests.length; i++) {
    if (a.decisions[i] === b.decisions[i]) continue;
    const r = requests[i];
    list.push({
      i, type: r.type, url: r.url, frameUrl: r.frameUrl,
      [a.engine]: { blocked: a.decisions[i] === '1', rule: a.rules[i] },
      [b.engine]: { blocked: b.decisions[i] === '1', rule: b.rules[i] },
    });
  }
  const byType = {};
  for (const d of list) byType[d.type] = (byType[d.type] ?? 0) + 1;
  const onlyA = list.filter((d) => d[a.engine].blocked).length;
  return {
    pair: `${a.engine}|${b.engine}`, differ: list.length, agreementPct: 100 * (1 - list.length / requests.length),
    [`onlyBlockedBy_${a.engine}`]: onlyA, [`onlyBlockedBy_${b.engine}`]: list.length - onlyA, byType, list,
  };
}

const fmt = (x, d = 2) => (x === null || x === undefined || Number.isNaN(x) ? '-' : Number(x).toFixed(d));
const mb = (bytes) => fmt(bytes / 2 ** 20, 2);

// How far the WASM figures are from what the JS↔WASM boundary allows: the crossing without a
// decision (run_engine.mjs floorTimings), and the same decisions natively, against uBO's median.
function floorLine(w, native, ubo) {
  const f = w.floor;
  const share = (us) => fmt(us / ubo.medianUs, 3);
  return `WASM floor (median µs; × uBO's median): timer alone ${fmt(w.clockOverheadUs, 3)}; empty exported call ` +
    `${fmt(f.emptyCall.medianUs, 3)} (${share(f.emptyCall.medianUs)}); request URL written + that call ` +
    `${fmt(f.urlAndCall.medianUs, 3)} (${share(f.urlAndCall.medianUs)})` +
    (native ? `; the decision natively ${fmt(native.medianUs, 3)} (${share(native.medianUs)})` : '') +
    `; the decision in WASM ${fmt(w.medianUs, 3)} (${share(w.medianUs)}); goal ≤ ${fmt(0.2 * ubo.medianUs, 3)} (0.2)`;
}

function report(results, requests) {
  const engines = Object.keys(results);
  const rows = engines.map((e) => {
    const r = results[e];
    return { engine: e, buildMs: r.buildMs, medianUs: r.medianUs, p99Us: r.p99Us, batchMedianUs: r.batchMedianUs,
      meanUs: r.meanUs, blocked: r.blocked, serializedBytes: r.serializedBytes, loadMs: r.loadMs, memoryBytes: memoryBytes(r) };
  });
  const ratios = {};
  for (const ours of OURS.filter((e) => results[e])) {
    for (const anchor of ANCHORS.filter((e) => results[e])) {
      const o = rows.find((r) => r.engine === ours), t = rows.find((r) => r.engine === anchor);
      ratios[`${ours}/${anchor}`] = {
        median: o.medianUs / t.medianUs, p99: o.p99Us / t.p99Us, batchMedian: o.batchMedianUs / t.batchMedianUs,
        build: o.buildMs === null ? null : o.buildMs / t.buildMs, serializedSize: o.serializedBytes / t.serializedBytes,
        load: o.loadMs / t.loadMs, memory: o.memoryBytes / t.memoryBytes,
      };
    }
  }
  const agreement = [];
  for (const ours of OURS.filter((e) => results[e]))
    for (const anchor of ANCHORS.filter((e) => results[e])) agreement.push(differences(requests, results[ours], results[anchor]));
  if (results['warden-native'] && results['warden-wasm'])
    agreement.push(differences(requests, results['warden-native'], results['warden-wasm']));
  if (results.ubo && results.ghostery) agreement.push(differences(requests, results.ubo, results.ghostery));

  const w = results['warden-wasm'];
  const targets = w && {
    wasmMedianSpeedupVsUbo: results.ubo ? results.ubo.medianUs / w.medianUs : null, speedupGoal: TARGETS.speedupVsUbo,
    loadMs: w.loadMs, loadGoalMs: TARGETS.loadMs,
    linearMemoryBytes: w.memory.linearBytes, linearMemoryGoalBytes: TARGETS.linearBytes,
    wasmBytes: w.wasmBytes, wasmGoalBytes: TARGETS.wasmBytes, moduleInitMs: w.moduleInitMs,
  };

  const lines = [];
  lines.push(`Requests: ${requests.length} evaluated of ${results[engines[0]].datasetLines}; lists: ${BENCH_LISTS.map((l) => `${l.name}=${l.category}`).join(', ')}; node ${process.version}`);
  lines.push('');
  lines.push('| engine | build ms | median µs | p99 µs | batch-64 median µs | mean µs | blocked | serialized MB | load ms | memory after load MB |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|');
  for (const r of rows)
    lines.push(`| ${r.engine} | ${fmt(r.buildMs, 0)} | ${fmt(r.medianUs)} | ${fmt(r.p99Us)} | ${fmt(r.batchMedianUs)} | ${fmt(r.meanUs)} | ${r.blocked} | ${mb(r.serializedBytes)} | ${fmt(r.loadMs, 3)} | ${mb(r.memoryBytes)} |`);
  lines.push('');
  lines.push('Ratios ours/theirs (< 1 = ours smaller/faster):');
  lines.push('| pair | median | p99 | batch median | build | serialized size | load | memory |');
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const [pair, q] of Object.entries(ratios))
    lines.push(`| ${pair} | ${fmt(q.median, 3)} | ${fmt(q.p99, 3)} | ${fmt(q.batchMedian, 3)} | ${fmt(q.build, 3)} | ${fmt(q.serializedSize, 3)} | ${fmt(q.load, 4)} | ${fmt(q.memory, 3)} |`);
  lines.push('');
  for (const a of agreement)
    lines.push(`${a.pair}: agree on ${fmt(a.agreementPct, 3)}% (differ on ${a.differ}: ${Object.entries(a).filter(([k]) => k.startsWith('onlyBlockedBy_')).map(([k, v]) => `${k.slice(14)} alone blocks ${v}`).join(', ')}; by type ${JSON.stringify(a.byType)})`);
  if (targets) {
    lines.push('');
    lines.push(`Targets (measured, not asserted): WASM median ${fmt(targets.wasmMedianSpeedupVsUbo)}× faster than uBO (goal ≥ ${targets.speedupGoal}×); ` +
      `load ${fmt(targets.loadMs, 3)} ms (goal ≤ ${targets.loadGoalMs}); linear memory ${mb(targets.linearMemoryBytes)} MB (goal ≤ 8); ` +
      `warden.wasm ${fmt(targets.wasmBytes / 1024, 1)} KB (goal ≤ 400); module instantiation ${fmt(targets.moduleInitMs, 1)} ms`);
  }
  const floor = w?.floor && results.ubo && floorLine(w, results['warden-native'], results.ubo);
  if (floor) {
    lines.push('');
    lines.push(floor);
  }
  for (const a of agreement.filter((x) => x.differ > 0 && x.pair.startsWith('warden-wasm'))) {
    lines.push('');
    lines.push(`${a.pair}: ${a.differ} differences${a.differ > SHOW ? ` (first ${SHOW}; all in compare.json)` : ''}:`);
    const [ours, theirs] = a.pair.split('|');
    for (const d of a.list.slice(0, SHOW))
      lines.push(`  #${d.i} ${d.type} ${d.url.slice(0, 120)} (frame ${d.frameUrl.slice(0, 60)})\n` +
        `      ${ours}: ${d[ours].blocked ? 'BLOCK' : 'allow'} ${d[ours].rule ?? '-'} | ${theirs}: ${d[theirs].blocked ? 'BLOCK' : 'allow'} ${d[theirs].rule ?? '-'}`);
  }
  const summary = { when: new Date().toISOString(), node: process.version, evaluated: requests.length, policy: BENCH_POLICY,
    lists: BENCH_LISTS, rows, ratios, targets, agreement,
    engines: Object.fromEntries(engines.map((e) => { const { decisions, rules, ...rest } = results[e]; return [e, rest]; })) };
  fs.writeFileSync(path.join(OUT, 'compare.json'), JSON.stringify(summary, null, 1));
  console.log(lines.join('\n'));
  console.log(`\nJSON: ${path.join(OUT, 'compare.json')}`);
}

const { requests } = loadRequests(config.corpus);
report(runAll(), requests);
