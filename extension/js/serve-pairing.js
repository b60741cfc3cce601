// This install's pairing with `cookiewarden serve`, kept in storage.local (never in a URL):
// {port, install, token}. The dashboard shows a pairing text "PORT-XXXX-XXXX" (its port, then a
// code that works once, for a few minutes); pairing trades the code (POST /pair from this
// extension's origin) for this install's own token.
import { SERVE_HOST } from './serve-port.js';

const PAIRING_KEY = 'servePairing';

export class PairingError extends Error {}

export async function readPairing() {
  const { [PAIRING_KEY]: pairing } = await chrome.storage.local.get(PAIRING_KEY);
  return pairing ?? null;
}

export function forgetPairing() {
  return chrome.storage.local.remove(PAIRING_KEY);
}

// "PORT-XXXX-XXXX" as shown by the dashboard (spaces and case do not matter) → {port, code}, or null.
export function parsePairingText(text) {
  const match = String(text).trim().match(/^(\d{1,5})\s*-\s*([0-9a-z]{4})\s*-?\s*([0-9a-z]{4})$/i);
  const port = Number(match?.[1]);
  if (!match || port < 1 || port > 65535) return null;
  return { port, code: `${match[2]}-${match[3]}`.toUpperCase() };
}

// Pairs with the serve that showed `text`; resolves to the kept pairing or throws a PairingError
// that says what to do.
export async function pairWithServe(text) {
  const parsed = parsePairingText(text);
  if (!parsed) throw new PairingError('That is not a pairing code: copy the whole code the dashboard shows, like 41234-ABCD-EFGH.');
  let response;
  try {
    response = await fetch(`http://${SERVE_HOST}:${parsed.port}/pair`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ code: parsed.code }),
      cache: 'no-store',
      credentials: 'omit',
    });
  } catch {
    throw new PairingError(`Nothing answers on port ${parsed.port}: is "cookiewarden serve" still running?`);
  }
  const reply = await response.json().catch(() => null);
  if (!response.ok || typeof reply?.token !== 'string')
    throw new PairingError(response.status === 401
      ? 'The dashboard refused this code: it was already used, has expired or was mistyped too often. Show a new one on the dashboard.'
      : `The server refused the pairing: ${reply?.error?.message ?? `HTTP ${response.status}`}`);
  const pairing = { port: parsed.port, install: reply.install, token: reply.token };
  await chrome.storage.local.set({ [PAIRING_KEY]: pairing });
  return pairing;
}
