// What the node tests of warden.wasm share: the module under test and the engine buffer compiled for
// them, from the environment CTest sets (tests/wasm/suite.cmake):
//   WARDEN_WASM_DIST    the directory holding warden.js, warden.mjs, warden.wasm, status.js, enums.js
//   WARDEN_TEST_ENGINE  the compiled engine buffer (shipped default rules + EasyList as marketing +
//                       EasyPrivacy as analytics)
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const DIST = process.env.WARDEN_WASM_DIST;
const ENGINE_FILE = process.env.WARDEN_TEST_ENGINE;
assert.ok(DIST && ENGINE_FILE, 'WARDEN_WASM_DIST and WARDEN_TEST_ENGINE must be set (see tests/wasm/suite.cmake)');

export const { Warden, WardenError, Status } = await import(pathToFileURL(path.join(DIST, 'warden.js')).href);
export const wasmBinary = fs.readFileSync(path.join(DIST, 'warden.wasm'));
export const engineBytes = fs.readFileSync(ENGINE_FILE);

export const NECESSARY_ONLY = {
  defaults: { functional: 'block', analytics: 'block', social: 'block', marketing: 'block' },
  unknown_third_party: 'block',
};
export const SHOP = 'https://www.shop.example/cart';

export async function loadEngine(policy = NECESSARY_ONLY) {
  const engine = await Warden.load({ wasmBinary, engineBytes });
  engine.setPolicy(policy);
  return engine;
}
