// Timing and memory helpers shared by the JS engine runners. Measurements only: nothing asserts.
export const nowNs = () => process.hrtime.bigint();
export const msSince = (t0) => Number(process.hrtime.bigint() - t0) / 1e6;

export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
}

export function median(xs) {
  const s = Float64Array.from(xs).sort();
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

// Collects garbage until the heap is quiet (needs node --expose-gc).
export async function settle() {
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.();
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function memorySnapshot() {
  const m = process.memoryUsage();
  return { heapUsed: m.heapUsed, arrayBuffers: m.arrayBuffers, rss: m.rss };
}

// One warm-up pass, then every request timed alone and in batches of `batch`.
// `decide(input)` returns true when the request is blocked; inputs are prepared outside the timing.
export function timeDecisions(requests, decide, batch = 64) {
  const n = requests.length;
  const blocked = new Uint8Array(n);
  for (let i = 0; i < n; i++) blocked[i] = decide(requests[i]) ? 1 : 0;
  const single = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const t0 = process.hrtime.bigint();
    decide(requests[i]);
    single[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const batches = new Float64Array(Math.ceil(n / batch));
  const tAll = process.hrtime.bigint();
  for (let b = 0; b < batches.length; b++) {
    const lo = b * batch, hi = Math.min(n, lo + batch);
    const t0 = process.hrtime.bigint();
    for (let i = lo; i < hi; i++) decide(requests[i]);
    batches[b] = Number(process.hrtime.bigint() - t0) / 1000 / (hi - lo);
  }
  const meanUs = Number(process.hrtime.bigint() - tAll) / 1000 / n;
  single.sort();
  batches.sort();
  const empty = new Float64Array(20000);
  for (let i = 0; i < empty.length; i++) {
    const t0 = process.hrtime.bigint();
    empty[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  empty.sort();
  return {
    blocked,
    timing: {
      medianUs: quantile(single, 0.5), p99Us: quantile(single, 0.99), maxUs: single[n - 1], meanUs,
      batchMedianUs: quantile(batches, 0.5), batchP99Us: quantile(batches, 0.99), batch,
      clockOverheadUs: quantile(empty, 0.5),
    },
  };
}
