// How the extension's pages talk to the background: one message per request, named in messages.js.
export { MSG } from './messages.js';

export async function ask(what, payload = {}) {
  const reply = await chrome.runtime.sendMessage({ what, ...payload });
  if (reply && typeof reply === 'object' && 'error' in reply && Object.keys(reply).length === 1) throw new Error(reply.error);
  return reply;
}
