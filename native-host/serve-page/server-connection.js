// The page's link to `cookiewarden serve`: the access token and one request/reply exchange per
// command (same messages as native messaging: {id, cmd, args} → {id, ok, result | error}). Quick
// commands go over POST /api (call); a command that walks every profile goes over the WebSocket
// (callWithProgress), which alone carries the host's progress messages ({id, progress}) before
// the reply. One WebSocket per such command: they are rare, and nothing has to be kept alive.
//
// The page is opened with a one-time code in the URL fragment (#code=…), which the browser never
// sends to a server or in a Referer; the page trades it once (POST /token) for the session's
// token, so the token itself is never in a URL, a command line or history. The code is removed
// from the address bar at once and the token kept in sessionStorage (this tab only, kept across
// reloads).

const TOKEN_KEY = 'cookiewarden.token';

// The server could not be reached: stopped, or restarted on another port.
export class ServerGone extends Error {}
// The server refused the token (401): this page was opened from an old link.
export class BadToken extends Error {}
// The command ran and failed: `code` is the protocol's error code ("invalid_argument", "not_found"…).
export class CommandFailed extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

// The token: traded for the fragment's code when there is one, else the one this tab kept.
export async function takeToken() {
  const match = location.hash.match(/(?:^#|&)code=([0-9a-f]+)/);
  if (!match) return sessionStorage.getItem(TOKEN_KEY);
  history.replaceState(null, '', location.pathname + location.search);
  let response;
  try {
    response = await fetch('/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: match[1] }),
      cache: 'no-store',
    });
  } catch {
    throw new ServerGone('The cookiewarden server does not answer. Was it stopped? Run "cookiewarden serve" again.');
  }
  if (!response.ok) {
    const kept = sessionStorage.getItem(TOKEN_KEY);
    if (response.status === 401 && kept) return kept;  // a used link opened again in the tab that traded it
    throw new BadToken(response.status === 401
      ? 'This dashboard link was already used or has expired (each works once). Run "cookiewarden serve" again for a new one.'
      : `The server refused this dashboard link (HTTP ${response.status}).`);
  }
  const { token } = await response.json();
  sessionStorage.setItem(TOKEN_KEY, token);
  return token;
}

let nextId = 1;

// POST `body` (JSON) to `path` with the token; the response, or ServerGone / BadToken.
async function post(path, token, body) {
  let response;
  try {
    response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
      cache: 'no-store',
    });
  } catch {
    throw new ServerGone('The cookiewarden server does not answer. Was it stopped? Run "cookiewarden serve" again and open the link it prints.');
  }
  if (response.status === 401)
    throw new BadToken('The server refused this page\'s token (it changes every time the server starts). Open the dashboard from "cookiewarden serve" again.');
  return response;
}

async function replyOf(response) {
  try {
    return await response.json();
  } catch {
    throw new ServerGone(`The server answered ${response.status} without a reply.`);
  }
}

export async function call(token, cmd, args = {}) {
  const response = await post('/api', token, { id: nextId++, cmd, args });
  const reply = await replyOf(response);
  if (!reply.ok) throw new CommandFailed(reply.error?.code ?? 'internal', reply.error?.message ?? `HTTP ${response.status}`);
  return reply.result;
}

// The paired browser extensions (POST /installs): {action: "code" | "list" | "revoke", id}.
export async function manageInstalls(token, body) {
  const response = await post('/installs', token, body);
  const reply = await replyOf(response);
  if (!response.ok) throw new CommandFailed(reply.error?.code ?? 'internal', reply.error?.message ?? `HTTP ${response.status}`);
  return reply;
}

// The token travels as a subprotocol: a page's WebSocket cannot set an Authorization header.
function openSocket(token) {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`ws://${location.host}/ws`, ['cookiewarden', `cookiewarden.token.${token}`]);
    ws.onopen = () => resolve(ws);
    // The browser does not say why a handshake failed: a stopped server or a refused token.
    ws.onerror = () => reject(new ServerGone('The cookiewarden server did not accept the connection. Was it stopped? Run "cookiewarden serve" again and open the link it prints.'));
  });
}

// `onProgress` gets each progress report ({done, total, browser, profile, state, …}) as it arrives.
export async function callWithProgress(token, cmd, args, onProgress) {
  const ws = await openSocket(token);
  const id = nextId++;
  return new Promise((resolve, reject) => {
    ws.onerror = null;
    ws.onclose = () => reject(new ServerGone('The connection to the cookiewarden server closed before the reply came.'));
    ws.onmessage = (event) => {
      let message;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (message?.id !== id) return;
      if (message.progress) return onProgress(message.progress);
      ws.onclose = null;
      ws.close();
      if (!message.ok) reject(new CommandFailed(message.error?.code ?? 'internal', message.error?.message ?? 'the command failed'));
      else resolve(message.result);
    };
    ws.send(JSON.stringify({ id, cmd, args, progress: true }));
  });
}
