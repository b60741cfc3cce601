// Long work in the background (a sweep of thousands of cookies) gives the event loop a turn between
// its slices, so that the worker's other events (messages, cookie changes, requests) are handled
// within milliseconds. A timer task is queued behind the events already waiting, which is the point;
// scheduler.yield is not used: its continuation is run ahead of the tasks already queued.
export const nextTurn = () => new Promise((resolve) => setTimeout(resolve, 0));
