// bench/summary.mjs, `make bench`'s closing summary, over a build folder holding what the entries of
// a run wrote: the engines' table and ratios from compare.json, every entry's figures, the zip's
// size, each entry's seconds; what an earlier run left is named missing, not shown as this run's.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';

const build = mkdtempSync(join(tmpdir(), 'cw-bench-summary-'));
after(() => rmSync(build, { recursive: true, force: true }));
process.env.WARDEN_BUILD_DIR = build; // where an entry's figures go (bench/figures.mjs), read at import
const { writeFigures } = await import('../../bench/figures.mjs');
const started = Math.floor(Date.now() / 1000);
const env = { ...process.env, BENCH_STARTED: String(started) };
const summary = () => execFileSync(process.execPath, ['bench/summary.mjs'], { env, encoding: 'utf8' });

function write(path, text) {
  mkdirSync(join(build, 'bench', path, '..'), { recursive: true });
  writeFileSync(join(build, 'bench', path), text);
}

// As an earlier run left it.
function older(path) {
  const then = started - 3600;
  utimesSync(join(build, 'bench', path), then, then);
}

const MIB = 1048576;
const row = (engine, medianUs, p99Us) => ({ engine, medianUs, p99Us, loadMs: 1.5, memoryBytes: 6 * MIB, serializedBytes: 4 * MIB });

test('the figures of this run, in one place', () => {
  write('compare/compare.json', JSON.stringify({
    evaluated: 27969, lists: [{ name: 'easylist.txt' }, { name: 'easyprivacy.txt' }],
    rows: [row('warden-wasm', 0.3, 2), row('ubo', 1.2, 8), row('ghostery', 0.9, 6)],
    ratios: { 'warden-wasm/ubo': { median: 0.25, p99: 0.25, load: 0.5, memory: 1, serializedSize: 1 } },
  }));
  writeFigures('cold-start', [{ figure: 'Chromium worker start -> engine ready, median of 15', value: 12.34, unit: 'ms', goal: '≤ 20 ms' }]);
  write('engine-bytes/extension.zip', 'x'.repeat(2_250_000));
  write('runs.tsv', 'bench/compare/run\t0\t120\nbench/extension/run-cold-start\t0\t95\n');
  const out = summary();
  assert.match(out, /\| warden-wasm \| 0\.300 \| 2\.000 \| 1\.50 \| 6\.00 \| 4\.00 \|/);
  assert.match(out, /\| ubo \| 1\.200 \| 8\.000 \|/);
  assert.match(out, /\| warden-wasm\/ubo \| 0\.250 \| 0\.250 \| 0\.500 \|/);
  assert.match(out, /\| cold-start \| Chromium worker start -> engine ready, median of 15 \| 12\.3 ms \| ≤ 20 ms \|/);
  assert.match(out, /\| engine-bytes \| packed extension \(web-ext build zip\) \| 2\.25 MB \| ≤ 2\.5 MB \|/);
  assert.match(out, /All entries: 215 s\./);
  assert.match(out, /Missing: no site-override figures/);
  assert.doesNotMatch(out, /Missing: no cold-start figures/);
});

test('what an earlier run left is named missing, not shown', () => {
  for (const path of ['compare/compare.json', 'figures/cold-start.json', 'engine-bytes/extension.zip']) older(path);
  const out = summary();
  assert.match(out, /Engines: not measured in this run/);
  assert.doesNotMatch(out, /warden-wasm\/ubo/);
  assert.match(out, /Missing: no cold-start figures/);
  assert.doesNotMatch(out, /extension\.zip|12\.3 ms/);
});
