// Steps that read, change and write the same state run one after the other: a queue returns a
// function that runs each step once the previous one has settled (a failed step does not stop the
// next), and resolves to that step's own result.
export function serialQueue() {
  let queue = Promise.resolve();
  return (step) => {
    const run = queue.then(step);
    queue = run.catch(() => {});
    return run;
  };
}
