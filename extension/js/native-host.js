// The native host (`cookiewarden`, name in extension/ids.json) over native messaging. One port per
// request: the host may answer a large result in pages ({page: {index, count}, result_part}), which
// only a port receives; the parts are joined and parsed once all have arrived. A long command
// (delete_site, site_data) asked for progress first sends {id, progress: {done, total, browser,
// profile, state}} (native-host/src/protocol/message.h): handed to `onProgress`, never taken for
// the reply.
export const HOST_NAME = 'org.cookiewarden.host';

let nextId = 1;

export class HostError extends Error {
  constructor(code, message) {
    super(message);
    this.name = 'HostError';
    this.code = code;
  }
}

// `onProgress`, if given, asks the host for progress and receives each report.
export function askHost(cmd, args = {}, onProgress = null) {
  return new Promise((resolve, reject) => {
    let port;
    try {
      port = chrome.runtime.connectNative(HOST_NAME);
    } catch (e) {
      reject(new HostError('not_installed', String(e?.message ?? e)));
      return;
    }
    const id = nextId++;
    const parts = [];
    let received = 0;
    const finish = (settle, value) => { port.disconnect(); settle(value); };
    port.onMessage.addListener((msg) => {
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
    });
    port.onDisconnect.addListener(() => {
      // "Specified native messaging host not found." when `cookiewarden install` was not run.
      const why = chrome.runtime.lastError?.message ?? 'the host closed the connection';
      reject(new HostError(/not found/i.test(why) ? 'not_installed' : 'disconnected', why));
    });
    port.postMessage(onProgress ? { id, cmd, args, progress: true } : { id, cmd, args });
  });
}
