// The typed JS API over warden.wasm (C ABI: wasm/src/warden_api.cpp, contract: wasm/README.md).
//
//   const engine = await Warden.load({ engineBytes });          // wasmBinary optional (node, tests)
//   engine.setPolicy({ defaults: { analytics: 'block' } });
//   engine.decideRequest({ url, topUrl, frameUrl, type: 'script' });
//   // -> { action: 'block', category: 'analytics', vendor: 'Google Analytics', rule: '...', thirdParty: true }
//   engine.free();
//
// Errors: every failure the module reports becomes a thrown WardenError carrying the status name
// (`err.status === 'invalid_url'`), its number and the engine's detail. The module itself never
// throws: it returns a status.
import createWardenModule from './warden.mjs';
import { StatusNames, StatusMessages } from './status.js';
import { ActionNames, CategoryNames, CookieSource, ResourceType, ResourceTypeAliases } from './enums.js';

export { Status } from './status.js';

const DECISION_WORDS = 6; // CwDecision in warden_api.cpp
const SAME_PAGE = 0xFFFFFFFF; // kSamePage in warden_api.cpp: top_len meaning "the page the module holds"
const NO_PAGE = Symbol('no page'); // equal to no URL
const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class WardenError extends Error {
  /** @param {number} code @param {string} detail */
  constructor(code, detail) {
    const status = StatusNames[code] ?? `status_${code}`;
    super(`${status}: ${detail || StatusMessages[code] || 'unknown status'}`);
    this.name = 'WardenError';
    /** @type {string} */ this.status = status;
    /** @type {number} */ this.code = code;
    /** @type {string} */ this.detail = detail;
  }
}

const INVALID_ARGUMENT = StatusNames.indexOf('invalid_argument');
const invalid = (detail) => new WardenError(INVALID_ARGUMENT, detail);

/** @type {Promise<any> | null} */
let modulePromise = null;

/**
 * Instantiates the module once; later calls return the same promise (a failed attempt may be retried).
 * @param {{ wasmBinary?: ArrayBuffer | Uint8Array, locateFile?: (path: string) => string }} [options]
 */
function init(options = {}) {
  if (!modulePromise) {
    const moduleArgs = {};
    if (options.wasmBinary) moduleArgs.wasmBinary = options.wasmBinary;
    if (options.locateFile) moduleArgs.locateFile = options.locateFile;
    modulePromise = createWardenModule(moduleArgs).catch((e) => {
      modulePromise = null;
      throw e;
    });
  }
  return modulePromise;
}

const RESOURCE_TYPE_COUNT = Object.keys(ResourceType).length;
// Names and aliases in one Map: one lookup per request, and no inherited keys ('toString').
const RESOURCE_TYPE_CODES = new Map([
  ...Object.entries(ResourceType),
  ...Object.entries(ResourceTypeAliases).map(([alias, name]) => [alias, ResourceType[name]]),
]);

const COOKIE_SOURCES = new Map(Object.entries(CookieSource));

/** @param {string | number} type */
function resourceTypeCode(type) {
  if (typeof type === 'number' && Number.isInteger(type) && type >= 0 && type < RESOURCE_TYPE_COUNT) return type;
  const code = RESOURCE_TYPE_CODES.get(type);
  if (code === undefined) throw invalid(`unknown resource type ${JSON.stringify(type)}`);
  return code;
}

/**
 * @typedef {{ action: 'allow' | 'block', category: string, vendor: string, rule: string, thirdParty: boolean }} Decision
 * @typedef {{ url: string, topUrl: string, frameUrl?: string, type?: string | number }} RequestInput
 * @typedef {{ name: string, domain: string, topUrl: string, source?: 'http' | 'script', scriptUrl?: string }} CookieInput
 * @typedef {{ name: string, domain: string, path?: string, partitionKey?: string }} StoredCookieInput
 */

export class WardenEngine {
  #m; #io; #handle;
  // Which page URLs the module's decision context holds for this engine (the last decision's page),
  // so that a request from it is sent without them (SAME_PAGE). Not a cache: the module keeps the page.
  #pageTop = NO_PAGE; #pageFrame = NO_PAGE;
  #names = new Map(); // vendor names: address -> [length, text]
  #rules = new Map(); // rule texts: rule reference (CwDecision.rule) -> text

  /** @private Use Warden.load(). */
  constructor(m, handle) {
    this.#m = m;
    this.#io = ioOf(m);
    this.#handle = handle;
  }

  /** @param {import('./warden.mjs').default} m @param {Uint8Array | ArrayBuffer} engineBytes */
  static create(m, engineBytes) {
    const bytes = engineBytes instanceof Uint8Array ? engineBytes
      : engineBytes instanceof ArrayBuffer ? new Uint8Array(engineBytes) : null;
    if (!bytes) throw invalid('engineBytes must be a Uint8Array or an ArrayBuffer');
    const ptr = m._cw_bytes_alloc(bytes.length);
    if (!ptr) throw invalid(`cannot allocate ${bytes.length} bytes for the engine`);
    m.HEAPU8.set(bytes, ptr);
    const status = m._cw_engine_create(ptr, bytes.length); // takes the bytes, even on failure
    const result = readResult(m);
    if (status !== 0) throw new WardenError(status, readText(m, result[1], result[2]));
    return new WardenEngine(m, result[1]);
  }

  /** @param {object} policy the policy object of policy.h and engine/policy.schema.json ({defaults, sites, unknown_third_party, keep}) */
  setPolicy(policy) {
    const n = this.#io.write([JSON.stringify(policy ?? {})]);
    this.#check(this.#m._cw_set_policy(this.#live(), n[0]));
  }

  /** @param {RequestInput} r @returns {Decision} */
  decideRequest(r) {
    const type = resourceTypeCode(r?.type ?? 'other');
    // request.h: an empty frame URL means the top URL; do not send the same text twice.
    const top = r?.topUrl;
    const frame = r?.frameUrl === top ? '' : (r?.frameUrl ?? '');
    const handle = this.#live();
    let status;
    if (top === this.#pageTop && frame === this.#pageFrame) {
      status = this.#m._cw_decide_request(handle, this.#io.writeOne(r?.url), SAME_PAGE, 0, type);
    } else {
      const n = this.#io.write([r?.url, top, frame]);
      this.#pageTop = this.#pageFrame = NO_PAGE;
      status = this.#m._cw_decide_request(handle, n[0], n[1], n[2], type);
      // A failed decision may not have parsed the page (a bad url is refused first): send it again.
      if (status === 0) {
        this.#pageTop = top;
        this.#pageFrame = frame;
      }
    }
    this.#check(status);
    return this.#decision();
  }

  /** @param {CookieInput} c @returns {Decision} */
  decideCookie(c) {
    const source = COOKIE_SOURCES.get(c?.source ?? 'http');
    if (source === undefined) throw invalid(`unknown cookie source ${JSON.stringify(c.source)}`);
    const n = this.#io.write([c?.name, c?.domain, c?.topUrl, c?.scriptUrl ?? '']);
    this.#pageTop = this.#pageFrame = NO_PAGE; // the cookie's page becomes the one the module holds
    this.#check(this.#m._cw_decide_cookie(this.#live(), n[0], n[1], n[2], n[3], source));
    return this.#decision();
  }

  /**
   * declarativeNetRequest rules for a policy (engine/include/warden/dnr_compiler.h).
   * @param {object} policy @param {{ firstRuleId?: number, removeSetCookie?: boolean, includeHostRules?: boolean }} [options]
   * @returns {{ rules: object[], counts: object, limits: object }}
   */
  compileDnr(policy, options = {}) {
    const n = this.#io.write([JSON.stringify(policy ?? {}), JSON.stringify(options ?? {})]);
    // The module hands the text over in pieces as it writes it (cw_compile_dnr).
    const pieces = [];
    this.#m.cwDnrPiece = (ptr, len) => { pieces.push(readText(this.#m, ptr, len)); };
    try {
      this.#check(this.#m._cw_compile_dnr(this.#live(), n[0], n[1]));
    } finally {
      this.#m.cwDnrPiece = null;
    }
    return JSON.parse(pieces.join(''));
  }

  /**
   * What "site" means everywhere in the product (public_suffix.h): the registrable domain by the
   * engine's Public Suffix List, private section included, or the host itself when it has none (an
   * IP literal, "localhost", a host that is itself a public suffix such as "carrd.co").
   * `publicSuffix` is the host's public suffix: equal to the host when the host is itself one, empty
   * for an IP literal. Takes a host or a cookie domain (".example.com"), any case, with a port.
   * @param {string} host @returns {{ site: string, publicSuffix: string }}
   */
  siteOf(host) {
    this.#check(this.#m._cw_site_of(this.#live(), this.#io.writeOne(host)));
    const u32 = this.#io.heap32();
    const w = u32[this.#io.resultAt + 1] >>> 2; // result.ptr -> CwSite (four words)
    return { site: readText(this.#m, u32[w], u32[w + 1]), publicSuffix: readText(this.#m, u32[w + 2], u32[w + 3]) };
  }

  /** @returns {{ linearBytes: number, engineBytes: number }} */
  memory() {
    this.#check(this.#m._cw_memory(this.#handle ?? 0));
    const r = this.#result();
    const u32 = this.#io.heap32();
    return { linearBytes: u32[r[1] >>> 2], engineBytes: u32[(r[1] >>> 2) + 1] };
  }

  /**
   * A cookie already in the jar (cookies.getAll()): `domain` with a leading dot for a domain cookie
   * (the cookies API's hostOnly false), `partitionKey` the top-level site of a partitioned cookie
   * ("https://shop.example", the cookies API's partitionKey.topLevelSite). Unpartitioned cookies
   * are decided on their own site.
   * @param {StoredCookieInput} c @returns {Decision}
   */
  decideStoredCookie(c) {
    const n = this.#io.write([c?.name, c?.domain, c?.path ?? '/', c?.partitionKey ?? '']);
    this.#check(this.#m._cw_decide_stored_cookie(this.#live(), n[0], n[1], n[2], n[3]));
    return this.#decision();
  }

  /** Releases the engine and its buffer; the object is unusable afterwards. */
  free() {
    if (this.#handle === null) return;
    this.#m._cw_engine_free(this.#handle);
    this.#handle = null;
    this.#names.clear();
    this.#rules.clear();
  }

  #live() {
    if (this.#handle === null) throw invalid('the engine was freed');
    return this.#handle;
  }

  #check(status) {
    if (status === 0) return;
    const r = this.#result();
    throw new WardenError(status, readText(this.#m, r[1], r[2]));
  }

  #result() { return readResult(this.#m); }

  #decision() {
    const u32 = this.#io.heap32();
    const w = u32[this.#io.resultAt + 1] >>> 2; // result.ptr -> CwDecision
    return {
      action: ActionNames[u32[w]],
      category: CategoryNames[u32[w + 1]],
      thirdParty: u32[w + 2] === 1,
      vendor: this.#text(u32[w + 3], u32[w + 4]),
      rule: this.#rule(u32[w + 5]),
    };
  }

  // A rule reference names the same text while the engine lives: the module builds it (most texts
  // are stored in parts, cw_rule_text) and JS decodes it once per rule.
  #rule(ref) {
    if (ref === 0) return '';
    let text = this.#rules.get(ref);
    if (text === undefined) {
      this.#check(this.#m._cw_rule_text(this.#handle, ref));
      const r = this.#result();
      text = readText(this.#m, r[1], r[2]);
      this.#rules.set(ref, text);
    }
    return text;
  }

  // Vendor names are in the engine buffer: they never change while the engine lives, so each is
  // decoded once. Keyed by the address alone (a small integer, cheaper to hash than address and
  // length as one number); the length is checked, and a string sharing another's start is decoded
  // each time.
  #text(ptr, len) {
    if (len === 0) return '';
    const known = this.#names.get(ptr);
    if (known !== undefined && known[0] === len) return known[1];
    const s = readText(this.#m, ptr, len);
    if (known === undefined) this.#names.set(ptr, [len, s]);
    return s;
  }
}

// The module's input buffer and memory views, shared by every engine of one module: the buffer
// belongs to the module (cw_input), so all engines must see the same address after it grows.
class Io {
  #m; #inPtr = 0; #inCap = 0; #inView = null; #u8 = null; #u32 = null;
  #lens = new Uint32Array(4);

  constructor(m) {
    this.#m = m;
    /** Word index of the module's result area {status, ptr, len}. */
    this.resultAt = m._cw_result() >>> 2;
  }

  // Encodes the strings back to back into the module's input buffer; returns their byte lengths
  // (in a reused array). One TextEncoder.encodeInto over the concatenation is the fast path: when
  // it writes exactly one byte per UTF-16 unit the text was ASCII (anything else takes two or
  // more), so each string's byte length is its length.
  write(strings) {
    let units = 0;
    let joined = '';
    for (const s of strings) {
      checkString(s);
      units += s.length;
      joined += s;
    }
    this.#reserve(units);
    if (encoder.encodeInto(joined, this.#inView).written === units) {
      for (let i = 0; i < strings.length; i++) this.#lens[i] = strings[i].length;
      return this.#lens;
    }
    let at = 0;
    for (let i = 0; i < strings.length; i++) {
      this.#lens[i] = encoder.encodeInto(strings[i], this.#inView.subarray(at)).written;
      at += this.#lens[i];
    }
    return this.#lens;
  }

  // write() for one string (no array, no concatenation); returns its byte length.
  writeOne(s) {
    checkString(s);
    this.#reserve(s.length);
    return encoder.encodeInto(s, this.#inView).written;
  }

  // The input buffer, able to take `units` UTF-16 units (at most 3 UTF-8 bytes each), in #inView.
  #reserve(units) {
    if (units * 3 > this.#inCap) {
      const cap = Math.max(units * 3, 4096);
      this.#inPtr = this.#m._cw_input(cap);
      if (!this.#inPtr) throw invalid('out of memory for the input');
      this.#inCap = cap;
      this.#inView = null;
    }
    if (this.#inView === null || this.#inView.length === 0)
      this.#inView = this.heap8().subarray(this.#inPtr, this.#inPtr + this.#inCap);
  }

  // Memory growth detaches the old buffer, and views of a detached buffer have length 0: a cheaper
  // test than comparing .buffer on every call.
  heap8() {
    if (this.#u8 === null || this.#u8.length === 0) this.#u8 = this.#m.HEAPU8;
    return this.#u8;
  }

  heap32() {
    if (this.#u32 === null || this.#u32.length === 0) this.#u32 = this.#m.HEAPU32;
    return this.#u32;
  }
}

function checkString(s) {
  if (typeof s !== 'string') throw invalid(`expected a string, got ${s === undefined ? 'nothing' : typeof s}`);
}

const ios = new WeakMap();
function ioOf(m) {
  let io = ios.get(m);
  if (!io) ios.set(m, (io = new Io(m)));
  return io;
}

function readResult(m) {
  const at = m._cw_result() >>> 2;
  const u32 = m.HEAPU32;
  return [u32[at], u32[at + 1], u32[at + 2]];
}

function readText(m, ptr, len) {
  return len ? decoder.decode(m.HEAPU8.subarray(ptr, ptr + len)) : '';
}

export const Warden = {
  init,
  /**
   * Instantiates the module (once) and loads a compiled engine buffer (`cookiewarden compile`).
   * @param {{ wasmBinary?: ArrayBuffer | Uint8Array, locateFile?: (path: string) => string,
   *           engineBytes: Uint8Array | ArrayBuffer }} options
   * @returns {Promise<WardenEngine>}
   */
  async load(options) {
    const m = await init(options);
    return WardenEngine.create(m, options?.engineBytes);
  },
};
