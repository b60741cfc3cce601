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
  const module = await Warden.init({ wasmBinary });
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
    floor: (inputs) => crossingFloor(module, inputs),
    // Linear memory after the first load (a service worker's cold start), and at the end, after
    // every decision (the input buffer and scratch strings have grown to the longest URL seen).
    memory: () => ({ ...firstLoad, linearBytesAtEnd: engine.memory().linearBytes }),
  };
}

// What crossing into the module costs before the engine does anything, timed like a decision (the
// same inputs, one call at a time): an exported call that does no work (cw_result returns an
// address), and the request URL written into module memory as decideRequest writes it
// (TextEncoder.encodeInto) followed by that call. No decision through warden.js can cost less.
// The URLs go to a block of their own: warden.js keeps the address of the module's input buffer.
// Run after the memory figures are taken (the block adds to linear memory).
function crossingFloor(module, inputs) {
  const encoder = new TextEncoder();
  const bytes = 3 * Math.max(...inputs.map((r) => r.url.length));
  const at = module._cw_bytes_alloc(bytes);
  let target = null;
  const view = () => (target?.length ? target : (target = module.HEAPU8.subarray(at, at + bytes)));
  return {
    emptyCall: () => module._cw_result() === 0,
    urlAndCall: (r) => module._cw_result() + encoder.encodeInto(r.url, view()).written === 0,
  };
}
