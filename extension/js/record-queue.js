// What the background records of its decisions (the tab reports, the decision log) is restored from
// storage at each start; deciding does not wait for that restore (a blocking webRequest listener on
// Firefox holds the page's request until it answers). Recording work queued before the restore
// ends runs after it, and all of it runs in the order it was queued: a request is noted before its
// outcome settles it, whichever finished first.

// `restored`: the restore to wait for. Returns `record(work)`, which runs `work` (sync or async)
// after the restore and after every earlier work, and resolves to its result.
export function recordQueue(restored) {
  // A failed restore (or work) is reported, and recording goes on with what there is.
  let tail = restored.catch((e) => console.error('Cookie Warden could not restore its records', e));
  return (work) => {
    const run = tail.then(work);
    tail = run.catch((e) => console.error('Cookie Warden could not record', e));
    return run;
  };
}
