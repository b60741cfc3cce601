// How the extension's pages talk to the background: one message per request, named in messages.js.
export { MSG } from './messages.js';

export async function ask(what, payload = {}) {
  const reply = await chrome.runtime.sendMessage({ what, ...payload });
  if (reply && typeof reply === 'object' && 'error' in reply && Object.keys(reply).length === 1) throw new Error(reply.error);
  return reply;
}

// When the background cannot answer (the engine failed to load, say), the page says so instead of
// showing controls that would do nothing.
export function showFailure(error) {
  const box = document.createElement('p');
  box.className = 'notice error';
  box.setAttribute('role', 'alert');
  box.textContent = `Cookie Warden is not working: ${error?.message ?? error}`;
  document.body.prepend(box);
}
