// A port to `cookiewarden serve` (native-host.js's second transport): a WebSocket to
// ws://127.0.0.1:PORT/ws carrying the same request and reply messages as native messaging, one
// per text message, progress messages included. The install's token travels in the handshake's
// Sec-WebSocket-Protocol header (subprotocols "cookiewarden" and "cookiewarden.token.TOKEN"): the
// WebSocket API sets no other header, and a URL would put the token in logs.

export const SERVE_HOST = '127.0.0.1';

// Whether anything answers HTTP on the port: a refused WebSocket handshake does not say whether
// serve refused the token or nothing listens, and the person's next step differs. An opaque GET of
// the dashboard path runs nothing and resolves on any reply.
async function anythingListens(port) {
  try {
    await fetch(`http://${SERVE_HOST}:${port}/`, { mode: 'no-cors', cache: 'no-store', credentials: 'omit' });
    return true;
  } catch {
    return false;
  }
}

// Why the socket closed, in words that say what to do. serve reopens the paired port when it
// restarts, so "start it" is enough unless another program took that port.
async function goneReason(port, opened) {
  if (opened) return `cookiewarden serve on port ${port} closed the connection: was it stopped?`;
  if (await anythingListens(port))
    return `cookiewarden serve on port ${port} refused this browser (its dashboard no longer lists it, or another program holds that port): pair again in Options, App`;
  return `cookiewarden serve is not running on port ${port}, the port this browser was paired on: start it ("cookiewarden serve" listens there again), or, if it says that port is taken, pair again in Options, App`;
}

// {post, close}; `onMessage(msg)` for each message, `onGone(code, message)` when the socket closes
// before close() (serve stopped, refused the token, or was never there).
export function servePort(pairing, { onMessage, onGone }) {
  const ws = new WebSocket(`ws://${SERVE_HOST}:${pairing.port}/ws`, ['cookiewarden', `cookiewarden.token.${pairing.token}`]);
  const waiting = [];
  let opened = false;
  ws.onopen = () => {
    opened = true;
    for (const msg of waiting.splice(0)) ws.send(JSON.stringify(msg));
  };
  ws.onmessage = (event) => {
    let msg;
    try {
      msg = JSON.parse(event.data);
    } catch {
      return;
    }
    onMessage(msg);
  };
  ws.onclose = async () => onGone('serve_unreachable', await goneReason(pairing.port, opened));
  return {
    post: (msg) => (ws.readyState === WebSocket.OPEN ? ws.send(JSON.stringify(msg)) : waiting.push(msg)),
    close: () => { ws.onclose = null; ws.close(); },
  };
}
