// Ghostery's adblocker engine (@ghostery/adblocker), network filters only, as its own benchmark runs it.
import { createRequire } from 'node:module';

export async function createGhostery() {
  const { FiltersEngine, Request } = await import('@ghostery/adblocker');
  const version = createRequire(import.meta.url)('@ghostery/adblocker/package.json').version;
  const config = { loadCosmeticFilters: false, loadNetworkFilters: true, integrityCheck: false, enableCompression: false };
  let engine = null;
  // The optimiser merges filters (toString() then shows a synthetic regex), so the rule behind a
  // decision is read from a second engine built with the raw lines kept and no merging.
  let explainer = null;
  let sourceLists = [];
  return {
    name: 'ghostery',
    version: `@ghostery/adblocker ${version}`,
    async build(lists) {
      sourceLists = lists;
      engine = FiltersEngine.parse(lists.map((l) => l.text).join('\n'), config);
    },
    // Request.fromRawDetails (URL parsing, tokenising) is Ghostery's own per-request work: timed.
    prepare: (r) => ({ url: r.url, sourceUrl: r.frameUrl, type: r.type }),
    decide: (d) => engine.match(Request.fromRawDetails(d)).match === true,
    explain(r) {
      explainer ??= FiltersEngine.parse(sourceLists.map((l) => l.text).join('\n'), { ...config, debug: true, enableOptimizations: false });
      const m = explainer.match(Request.fromRawDetails(r));
      if (m.match) return m.filter ? (m.filter.rawLine ?? m.filter.toString()) : 'blocked';
      return m.exception ? `exception ${m.exception.rawLine ?? m.exception.toString()}` : null;
    },
    serialize: () => engine.serialize(),
    async load(serialized) { engine = FiltersEngine.deserialize(serialized); },
    size: (s) => s.byteLength,
  };
}
