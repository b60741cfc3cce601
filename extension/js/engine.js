// The rule engine in the background: warden.wasm plus the compiled engine buffer packaged with the
// extension (engine/engine.bin, built by scripts/build-extension.mjs). Loaded once per worker
// start; `coldStartMs` is the time from the worker's start to the engine being able to decide.
// Every figure is performance.now(), which counts from the worker's time origin, i.e. its (re)start.
import { Warden } from '../wasm/warden.js';
import { runtimeUrl } from './ext.js';

// The worker's own start-up, before anything of the engine runs: the floor a cold start cannot go under.
const evaluatedMs = performance.now();
let engine = null;
let coldStartMs = null;
let firstDecisionMs = null; // the first request decided (bench/extension/cold_start.mjs)
let loadMs = null;
let loadStartMs = null;
let fetchMs = null; // the part of loadMs until engine.bin was read
let createMs = null; // the part of loadMs in Warden.load: the copy into the module and its check

async function fetchBytes(path) {
  const response = await fetch(runtimeUrl(path));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function load() {
  const started = performance.now();
  loadStartMs = started;
  // warden.wasm is left to Emscripten's loader, which compiles it as it downloads
  // (WebAssembly.instantiateStreaming, no copy in JS), while engine.bin downloads beside it.
  const [engineBytes] = await Promise.all([
    fetchBytes('engine/engine.bin').then((bytes) => {
      fetchMs = performance.now() - started;
      return bytes;
    }),
    Warden.init(),
  ]);
  const creating = performance.now();
  engine = await Warden.load({ engineBytes });
  createMs = performance.now() - creating;
  loadMs = performance.now() - started;
  coldStartMs = performance.now();
  return engine;
}

// Started as soon as this module is evaluated, so the fetches overlap the evaluation of the rest
// of the background's modules.
const loading = load();
loading.catch(() => {}); // reported by whoever awaits loadEngine()

export function loadEngine() {
  return loading;
}

export function currentEngine() {
  return engine;
}

export function engineTimings() {
  return { evaluatedMs, coldStartMs, loadMs, loadStartMs, fetchMs, createMs, firstDecisionMs };
}

// webRequest resource types the engine does not name are decided as "other".
export function decideRequestSafely(input) {
  try {
    const decision = engine.decideRequest(input);
    firstDecisionMs ??= performance.now();
    return decision;
  } catch (e) {
    if (e?.status === 'invalid_argument' && input.type !== 'other') return decideRequestSafely({ ...input, type: 'other' });
    return null;
  }
}

export function decideCookieSafely(input) {
  try {
    return engine.decideCookie(input);
  } catch {
    return null;
  }
}

// A cookie already in the jar (the sweep): null when the engine refuses the input.
export function decideStoredCookieSafely(input) {
  try {
    return engine.decideStoredCookie(input);
  } catch {
    return null;
  }
}
