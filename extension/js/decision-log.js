// The log of recent decisions (requests and cookie writes the engine classified or blocked), for the
// options page. A ring of the newest entries, kept in session storage so a worker restart keeps it.
import { sessionRead, sessionWrite } from './ext.js';

const KEY = 'decisionLog';
const LIMIT = 300;
let entries = null;
let saveTimer = 0;

export async function restoreLog() {
  entries = (await sessionRead(KEY)) ?? [];
}

export function logDecision(entry) {
  if (!entries) return;
  entries.push({ at: Date.now(), ...entry });
  if (entries.length > LIMIT) entries.splice(0, entries.length - LIMIT);
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => sessionWrite(KEY, entries), 250);
}

export function recentDecisions() {
  return (entries ?? []).slice().reverse();
}
