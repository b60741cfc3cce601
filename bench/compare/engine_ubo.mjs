// uBlock Origin's static network filtering engine (@gorhill/ubo-core) with the real public suffix list.
// Its npm build ships a PSL selfie that fromSelfie() rejects, which silently leaves the PSL empty
// (shared/notes/perf-anchors.md); so the list is parsed from the .dat and create() told not to
// load its own.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export async function createUbo(rulesDir) {
  const { StaticNetFilteringEngine, pslInit } = await import('@gorhill/ubo-core');
  const version = createRequire(import.meta.url)('@gorhill/ubo-core/package.json').version;
  const psl = pslInit(fs.readFileSync(path.join(rulesDir, 'public_suffix_list.dat'), 'utf8'));
  if (psl.getDomain('a.b.example.co.uk') !== 'example.co.uk') throw new Error('uBO: the public suffix list did not load');
  const engine = await StaticNetFilteringEngine.create({ noPSL: true });
  const details = (r) => ({ url: r.url, originURL: r.frameUrl, type: r.type });
  return {
    name: 'ubo',
    version: `@gorhill/ubo-core ${version}`,
    async build(lists) {
      await engine.useLists(lists.map((l) => ({ name: l.name, raw: l.text })));
    },
    // The details object a browser hands over already exists: build it outside the timed call.
    prepare: details,
    decide: (d) => engine.matchRequest(d) === 1,
    // 1 = blocked by a filter, 2 = allowed by an exception; toLogData() names the filter either way.
    explain(d) {
      const v = engine.matchRequest(d);
      return v === 0 ? null : `${v === 2 ? 'exception ' : ''}${engine.toLogData().raw}`;
    },
    serialize: () => engine.serialize(),
    async load(serialized) { await engine.deserialize(serialized); },
    size: (s) => (typeof s === 'string' ? Buffer.byteLength(s) : s.byteLength),
  };
}
