// How the extension's pages talk to the background: one message per request, named in messages.js,
// answered in the one reply shape of reply.js.
import { REQUEST_PORT } from './messages.js';
import { failure, Refusal, resultOf } from './reply.js';

export { MSG } from './messages.js';

// The reply itself, {ok, result} or {ok: false, code, message}: for a page that shows a failure
// as an outcome (the native host not reached, a tab that moved on).
export function reply(what, payload = {}) {
  return chrome.runtime.sendMessage({ what, ...payload });
}

// The result, or the failure thrown (a Refusal with its code and message).
export async function ask(what, payload = {}) {
  return resultOf(await reply(what, payload));
}

// The reply of a request that reports progress: over a port of its own, so each {progress} reaches
// `onProgress` of this page only.
export function replyWithProgress(what, payload, onProgress) {
  return new Promise((resolve) => {
    const port = chrome.runtime.connect({ name: REQUEST_PORT });
    port.onMessage.addListener((msg) => {
      if (msg?.progress) return onProgress(msg.progress);
      resolve(msg);
      port.disconnect();
      return undefined;
    });
    port.onDisconnect.addListener(() => resolve(failure(new Refusal('disconnected', 'the background closed the request'))));
    port.postMessage({ what, ...payload });
  });
}

// The result of a request that reports progress (replyWithProgress), or the failure thrown.
export async function askWithProgress(what, payload, onProgress) {
  return resultOf(await replyWithProgress(what, payload, onProgress));
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
