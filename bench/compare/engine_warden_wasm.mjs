// Our engine in WebAssembly, driven through the same JS API the extension uses (wasm/js/warden.js).
// The engine buffer is compiled natively (native_bench writes it); the module has no builder.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export async function createWardenWasm(distDir, engineFile, policy) {
  const { Warden } = await import(pathToFileURL(path.join(distDir, 'warden.js')).href);
  const wasmBinary = fs.readFileSync(path.join(distDir, 'warden.wasm'));
  // Cold start of a service worker: compiling and instantiating the module, before any engine.
  const t0 = process.hrtime.bigint();
  await Warden.init({ wasmBinary });
  const initMs = Number(process.hrtime.bigint() - t0) / 1e6;
  let engine = null;
  let firstLoad = null;
  const request = (r) => ({ url: r.url, topUrl: r.frameUrl, frameUrl: r.frameUrl, type: r.type });
  return {
    name: 'warden-wasm',
    version: `warden.wasm ${wasmBinary.length} bytes`,
    wasmBytes: wasmBinary.length,
    initMs,
    async build() {},
    prepare: request,
    decide: (r) => engine.decideRequest(r).action === 'block',
    explain(r) {
      const d = engine.decideRequest(r);
      return d.rule ? `${d.action} ${d.category} ${d.rule}` : null;
    },
    serialize: () => fs.readFileSync(engineFile),
    async load(bytes) {
      engine?.free();
      engine = await Warden.load({ engineBytes: bytes });
      firstLoad ??= engine.memory();
    },
    afterLoad() { engine.setPolicy(policy); },
    size: (b) => b.byteLength,
    // Linear memory after the first load (a service worker's cold start), and at the end, after
    // every decision (the input buffer and scratch strings have grown to the longest URL seen).
    memory: () => ({ ...firstLoad, linearBytesAtEnd: engine.memory().linearBytes }),
  };
}
