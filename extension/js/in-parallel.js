// Runs `work` on every item with at most `limit` calls in flight: a browser API call (cookies.remove,
// cookies.set) answers in tens of milliseconds, so thousands of cookies one after the other would
// take minutes, while each answer is its own small task for the worker. Resolves to the results, in order.
export async function inParallel(items, limit, work) {
  const results = new Array(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}
