// The native host (`cookiewarden`, name in extension/ids.json), reached one of two ways behind one
// interface, askHost(cmd, args, onProgress):
//   - native messaging (connectNative), the usual way once `cookiewarden install` ran;
//   - `cookiewarden serve` on loopback (serve-port.js), when native messaging is not there (no
//     host installed, or a browser without it, as Safari's web extensions) and this install was
//     paired with serve (serve-pairing.js). A request native messaging never started is sent there;
//     in Safari every request goes there, as its native messaging reaches only the extension's own
//     containing app, which does not speak this protocol.
// Both carry the same messages, handled once here: one port per request; the host may answer a
// large result in pages ({page: {index, count}, result_part}), joined and parsed once all have
// arrived; a long command (delete_site, site_data, sweep) asked for progress first sends {id, progress:
// {done, total, browser, profile, state}} (native-host/src/protocol/message.h): handed to
// `onProgress`, never taken for the reply.
import { overlay } from './browser-overlay.js';
import { servePort } from './serve-port.js';
import { readPairing } from './serve-pairing.js';

export const HOST_NAME = 'org.cookiewarden.host';

const NOT_REACHABLE = 'The Cookie Warden app is not installed for this browser (run "cookiewarden install"), and this '
  + 'browser is not paired with "cookiewarden serve" (Options, App)';

let nextId = 1;

export class HostError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'HostError';
    this.code = code;
  }
}

// What a browser says when no host manifest lets this extension in (`cookiewarden install` not run
// for it): Chromium "Specified native messaging host not found." or, for a manifest naming other
// extensions, "Access to the specified native messaging host is forbidden."; Firefox "No such
// native application org.cookiewarden.host" for both (it will not tell which).
const HOST_MISSING = /native messaging host not found|native messaging host is forbidden|^No such native application /i;

export function isHostMissing(message) {
  return HOST_MISSING.test(String(message ?? ''));
}

// A port to the host over native messaging: {post, close}; `onGone(code, message)` when it closes.
function nativePort({ onMessage, onGone }) {
  if (!overlay.nativeMessaging) throw new Error(`${overlay.name}'s native messaging does not reach the host`);
  const port = chrome.runtime.connectNative(HOST_NAME);
  port.onMessage.addListener(onMessage);
  port.onDisconnect.addListener((gone) => {
    // Chromium sets runtime.lastError for the listener; Firefox sets the port's `error` instead.
    const why = gone?.error?.message ?? chrome.runtime.lastError?.message ?? 'the host closed the connection';
    onGone(isHostMissing(why) ? 'not_installed' : 'disconnected', why);
  });
  return { post: (msg) => port.postMessage(msg), close: () => port.disconnect() };
}

// One request over a port opened by `open` (nativePort, servePort).
function exchange(open, cmd, args, onProgress) {
  return new Promise((resolve, reject) => {
    const id = nextId++;
    const parts = [];
    let received = 0;
    let port;
    const finish = (settle, value) => { port.close(); settle(value); };
    const onMessage = (msg) => {
      if (msg?.id !== id) return;
      if (msg.progress) return onProgress?.(msg.progress);
      if (!msg.ok) return finish(reject, new HostError(msg.error?.code ?? 'error', msg.error?.message ?? 'the host refused the request'));
      if (!msg.page) return finish(resolve, msg.result);
      if (parts[msg.page.index] === undefined) received += 1;
      parts[msg.page.index] = msg.result_part;
      if (received < msg.page.count) return undefined;
      try {
        return finish(resolve, JSON.parse(parts.join('')));
      } catch {
        return finish(reject, new HostError('bad_reply', 'the host sent an unreadable paged reply'));
      }
    };
    const onGone = (code, message) => reject(new HostError(code, message));
    try {
      port = open({ onMessage, onGone });
    } catch (e) {
      // No connectNative at all: a browser without native messaging.
      reject(new HostError('not_installed', String(e?.message ?? e)));
      return;
    }
    port.post(onProgress ? { id, cmd, args, progress: true } : { id, cmd, args });
  });
}

// `onProgress`, if given, asks the host for progress and receives each report.
export async function askHost(cmd, args = {}, onProgress = null) {
  try {
    return await exchange(nativePort, cmd, args, onProgress);
  } catch (e) {
    if (e.code !== 'not_installed') throw e;
    const pairing = await readPairing();
    if (!pairing) throw new HostError('not_installed', `${NOT_REACHABLE} (${e.message})`);
    return exchange((handlers) => servePort(pairing, handlers), cmd, args, onProgress);
  }
}
