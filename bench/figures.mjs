// The figures a benchmark entry hands to `make bench`'s closing summary (bench/summary.mjs): one
// JSON file an entry, BUILD/bench/figures/<entry>.json (BUILD: WARDEN_BUILD_DIR, default
// build/native), holding a list of rows {figure, value, unit, goal?}. An entry writes it beside
// what it prints; the summary reads every such file of the run.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUILD_DIR = resolve(process.env.WARDEN_BUILD_DIR ?? join(root, 'build/native'));
export const FIGURES_DIR = join(BUILD_DIR, 'bench/figures');

/** @param {string} entry @param {{figure: string, value: number | null, unit: string, goal?: string}[]} rows */
export function writeFigures(entry, rows) {
  mkdirSync(FIGURES_DIR, { recursive: true });
  const file = join(FIGURES_DIR, `${entry}.json`);
  writeFileSync(file, `${JSON.stringify({ entry, when: new Date().toISOString(), rows }, null, 1)}\n`);
  return file;
}
