// A port to `cookiewarden serve` (native-host.js's second transport): a WebSocket to
// ws://127.0.0.1:PORT/ws carrying the same request and reply messages as native messaging, one
// per text message, progress messages included. The install's token travels in the handshake's
// Sec-WebSocket-Protocol header (subprotocols "cookiewarden" and "cookiewarden.token.TOKEN"): the
// WebSocket API sets no other header, and a URL would put the token in logs.

export const SERVE_HOST = '127.0.0.1';

// {post, close}; `onMessage(msg)` for each message, `onGone(code, message)` when the socket closes
// before close() (serve stopped, or it refused the token: the handshake does not say which).
export function servePort(pairing, { onMessage, onGone }) {
  const ws = new WebSocket(`ws://${SERVE_HOST}:${pairing.port}/ws`, ['cookiewarden', `cookiewarden.token.${pairing.token}`]);
  const waiting = [];
  ws.onopen = () => { for (const msg of waiting.splice(0)) ws.send(JSON.stringify(msg)); };
  ws.onmessage = (event) => {
    let msg;
    try {
      msg = JSON.parse(event.data);
    } catch {
      return;
    }
    onMessage(msg);
  };
  ws.onclose = () => onGone('serve_unreachable',
    `cookiewarden serve on port ${pairing.port} did not answer or refused this browser: is it running? If its dashboard no longer lists this browser, pair again in Options`);
  return {
    post: (msg) => (ws.readyState === WebSocket.OPEN ? ws.send(JSON.stringify(msg)) : waiting.push(msg)),
    close: () => { ws.onclose = null; ws.close(); },
  };
}
