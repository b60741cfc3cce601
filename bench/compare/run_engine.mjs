#!/usr/bin/env node
// Runs ONE engine in this (fresh) process and writes OUT/<engine>.json: build time, serialized size,
// load time of the serialized form, memory after load, per-request timings, and every decision with
// the rule behind it (for compare.mjs). Run with node --expose-gc.
//   run_engine.mjs --engine=ubo|ghostery|warden-wasm --rules=DIR --corpus=DIR --out=DIR [--wasm-dist=DIR --engine-file=F]
// --rules: engine/rules (lists, public suffix list); --corpus: the folder holding requests.jsonl.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadRequests } from './requests.mjs';
import { memorySnapshot, median, msSince, nowNs, settle, timeDecisions } from './timing.mjs';
import { createUbo } from './engine_ubo.mjs';
import { createGhostery } from './engine_ghostery.mjs';
import { createWardenWasm } from './engine_warden_wasm.mjs';
import { BENCH_LISTS, BENCH_POLICY } from './bench_config.mjs';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string' },
    rules: { type: 'string' },
    corpus: { type: 'string' },
    out: { type: 'string' },
    'wasm-dist': { type: 'string' },
    'engine-file': { type: 'string' },
  },
});
const LOADS = 20; // load (deserialize) repetitions; the median is reported

async function makeEngine(name) {
  if (name === 'ubo') return createUbo(args.rules);
  if (name === 'ghostery') return createGhostery();
  if (name === 'warden-wasm') return createWardenWasm(args['wasm-dist'], args['engine-file'], BENCH_POLICY);
  throw new Error(`unknown engine ${name}`);
}

// The cost of a call that crosses into the engine without deciding anything, measured the way
// decisions are (timeDecisions): the floor under any per-request figure of that engine.
function floorTimings(floor, inputs) {
  const out = {};
  for (const [name, call] of Object.entries(floor)) {
    const { timing } = timeDecisions(inputs, call);
    out[name] = { medianUs: timing.medianUs, p99Us: timing.p99Us, batchMedianUs: timing.batchMedianUs };
  }
  return out;
}

async function main() {
  const { lines, requests } = loadRequests(args.corpus);
  const lists = BENCH_LISTS.map((l) => ({ ...l, text: fs.readFileSync(path.join(args.rules, l.file), 'utf8') }));
  const eng = await makeEngine(args.engine);

  await settle();
  const before = memorySnapshot();
  let t0 = nowNs();
  await eng.build(lists);
  const buildMs = msSince(t0);

  let serialized = await eng.serialize();
  const serializedBytes = eng.size(serialized);
  const loadTimes = [];
  for (let i = 0; i < LOADS; i++) {
    t0 = nowNs();
    await eng.load(serialized);
    loadTimes.push(msSince(t0));
  }
  eng.afterLoad?.();
  serialized = null;
  await settle();
  const after = memorySnapshot();

  const inputs = requests.map(eng.prepare);
  const { blocked, timing } = timeDecisions(inputs, eng.decide);
  const rules = inputs.map((r) => eng.explain(r));

  const result = {
    engine: eng.name, version: eng.version, node: process.version,
    datasetLines: lines, evaluated: requests.length,
    buildMs: args.engine === 'warden-wasm' ? null : buildMs,
    serializedBytes, loadMs: median(loadTimes), loadMinMs: Math.min(...loadTimes),
    memory: {
      heapDeltaBytes: after.heapUsed - before.heapUsed,
      arrayBuffersDeltaBytes: after.arrayBuffers - before.arrayBuffers,
      ...(eng.memory ? eng.memory() : {}),
    },
    wasmBytes: eng.wasmBytes,
    moduleInitMs: eng.initMs,
    ...timing,
    blocked: blocked.reduce((a, b) => a + b, 0),
    decisions: Array.from(blocked).join(''),
    rules,
  };
  if (eng.floor) result.floor = floorTimings(eng.floor(inputs), inputs);
  fs.mkdirSync(args.out, { recursive: true });
  fs.writeFileSync(path.join(args.out, `${eng.name}.json`), JSON.stringify(result));
  process.stderr.write(`${eng.name}: blocked ${result.blocked}/${requests.length}, median ${timing.medianUs.toFixed(2)} µs\n`);
}

await main();
