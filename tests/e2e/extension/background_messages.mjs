// Messages to the background from an extension page, sent as the pages send them
// (js/background-client.js), in Chromium (Playwright) and Firefox (Puppeteer) alike. Every reply
// is {ok: true, result} or {ok: false, code, message} (js/reply.js).
export function backgroundReply(page, what, payload = {}) {
  return page.evaluate(([w, p]) => (globalThis.browser ?? globalThis.chrome).runtime.sendMessage({ what: w, ...p }), [what, payload]);
}

// The result; a failure is thrown with its code and message.
export async function askBackground(page, what, payload = {}) {
  const reply = await backgroundReply(page, what, payload);
  if (reply?.ok === true) return reply.result;
  throw Object.assign(new Error(`${what} failed: ${reply?.code}: ${reply?.message}`), { code: reply?.code });
}
