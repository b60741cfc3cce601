// The log of recent decisions (requests and cookie writes the engine classified or blocked), for the
// options page. A ring of the newest entries, kept in session storage so a worker restart keeps it.
import { clip } from './bounded-text.js';
import { sessionRead, sessionWrite } from './ext.js';

const KEY = 'decisionLog';
const LIMIT = 300;
const TEXT_LIMIT = 1024; // characters of a URL or cookie name kept: pages choose their length
let entries = null;
let saveTimer = 0;

export async function restoreLog() {
  entries = (await sessionRead(KEY)) ?? [];
}

export function logDecision(entry) {
  if (!entries) return;
  const kept = { at: Date.now(), ...entry, url: clip(entry.url, TEXT_LIMIT) };
  if (entry.name !== undefined) kept.name = clip(entry.name, TEXT_LIMIT);
  entries.push(kept);
  if (entries.length > LIMIT) entries.splice(0, entries.length - LIMIT);
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => sessionWrite(KEY, entries), 250);
}

export function recentDecisions() {
  return (entries ?? []).slice().reverse();
}
