// The serve dashboard: every browser profile on this computer, what each holds for a site, and
// deleting it everywhere (preview first), and undoing that deletion. Everything shown comes from
// the host's commands (browsers, site_data, delete_site, undo); text from disk or from sites
// (cookie names, paths, messages) is only ever set as textContent.
import { startPairingPanel } from './pairing-panel.js';
import { BadToken, CommandFailed, ServerGone, call, callWithProgress, takeToken } from './server-connection.js';
import { el } from './element.js';
import { initSweepPanel } from './sweep-panel.js';

const $ = (id) => document.getElementById(id);
let token = null;  // set by start()
let previewed = null;  // {site, targets} of the last preview, which Delete then carries out
let undoIds = [];  // the undo IDs of the last deletion's profiles, which Undo puts back

const profileKey = (profile) => `${profile.browser_id}/${profile.profile_id}`;
const profileLabel = (profile) => `${profile.browser_name} / ${profile.profile_name}`;

function formatBytes(bytes) {
  if (!bytes) return '—';
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

function setConnection(state, text) {
  $('connection').className = `pill ${state}`;
  $('connection').textContent = text;
}

// A failure that makes the whole page useless (server gone, bad token) or one action's error.
function showError(error, where = $('site-error')) {
  if (error instanceof ServerGone || error instanceof BadToken) {
    setConnection('block', error instanceof BadToken ? 'bad token' : 'server gone');
    $('fatal').textContent = error.message;
    $('fatal').hidden = false;
    return;
  }
  where.textContent = error instanceof CommandFailed ? `${error.message} (${error.code})` : String(error);
  where.hidden = false;
}

function runningPill(running) {
  return running.running
    ? el('span', { className: 'pill block', text: 'running', title: running.detail })
    : el('span', { className: 'pill allow', text: 'closed' });
}

async function loadBrowsers() {
  const { profiles } = await call(token, 'browsers');
  const body = $('profiles').tBodies[0];
  body.replaceChildren(...profiles.map((p) => el('tr', { dataset: { profile: profileKey(p), running: String(p.running.running) } },
    el('td', { text: p.browser_name }),
    el('td', {}, p.profile_name, ...(p.is_default ? [' ', el('span', { className: 'pill neutral', text: 'default' })] : [])),
    el('td', {}, runningPill(p.running)),
    el('td', { className: 'path', text: p.path }))));
  $('no-profiles').hidden = profiles.length > 0;
  setConnection('allow', 'connected');
}

// Counts of what a profile's stores hold besides cookies: "3 local_storage, 1 indexeddb".
function storageSummary(stores) {
  const counts = new Map();
  for (const store of stores)
    for (const item of store.items)
      if (item.kind !== 'cookie') counts.set(item.kind, (counts.get(item.kind) ?? 0) + 1);
  return [...counts].map(([kind, n]) => `${n} ${kind}`).join(', ') || '—';
}

// Stores that could not be read or changed, with the host's own words.
function storeNotes(stores) {
  return stores.filter((s) => s.skipped && s.skipped !== 'not_present')
    .map((s) => el('li', { text: `${s.store}: ${s.message || s.skipped}`, dataset: { skipped: s.skipped } }));
}

function holdingsRow(report) {
  const bytes = report.stores.reduce((sum, s) => sum + (s.bytes ?? 0), 0);
  const notes = storeNotes(report.stores);
  if (report.browser_running) notes.unshift(el('li', { text: report.running_detail || 'the browser is running' }));
  const include = el('input');
  include.type = 'checkbox';
  include.checked = true;
  include.value = profileKey(report.profile);
  include.addEventListener('change', () => { $('delete').disabled = true; });
  return el('tr', { dataset: { profile: profileKey(report.profile) } },
    el('td', {}, include),
    el('td', { text: profileLabel(report.profile) }),
    el('td', { text: report.cookies, dataset: { field: 'cookies' } }),
    el('td', { text: storageSummary(report.stores), dataset: { field: 'storage' } }),
    el('td', { text: formatBytes(bytes) }),
    el('td', {}, el('ul', {}, ...notes)));
}

async function showSite(site) {
  $('site-error').hidden = true;
  const result = await call(token, 'site_data', { site });
  $('site').value = result.site;
  $('holdings').tBodies[0].replaceChildren(...result.profiles.map(holdingsRow));
  $('site-report').hidden = false;
  $('site-report').dataset.site = result.site;
}

function checkedTargets() {
  return [...$('holdings').querySelectorAll('tbody input[type=checkbox]:checked')].map((box) => box.value);
}

// Every item a deletion removed (or would remove), folded: a cookie's domain and name, a storage
// origin and key, with the partition it lived under.
function itemList(stores) {
  const items = stores.flatMap((store) => store.items);
  if (items.length === 0) return [];
  const describe = (item) => [item.kind, item.host, item.name, item.partition && `(under ${item.partition})`]
    .filter(Boolean).join(' ');
  return [el('details', {},
    el('summary', { text: `${items.length} item${items.length === 1 ? '' : 's'}` }),
    el('ul', { className: 'items' }, ...items.map((item) => el('li', { text: describe(item) }))))];
}

// When a deleted profile can be undone until, and which of its stores cannot be (the host's list).
function undoNotes(undo) {
  if (!undo) return [];
  const notes = [el('li', { text: `can be undone until ${new Date(undo.until).toLocaleString()}`, dataset: { field: 'undo-until' } })];
  if (undo.not_undoable.length) notes.push(el('li', { text: `cannot be undone: ${undo.not_undoable.join(', ')}` }));
  return notes;
}

function outcomeRow(result) {
  const details = [...storeNotes(result.stores), ...undoNotes(result.undo)];
  if (result.message) details.unshift(el('li', { text: result.message }));
  const state = result.skipped ?? (result.complete ? 'done' : 'partial');
  const label = result.skipped ? `skipped: ${result.skipped}` : result.complete ? (result.dry_run ? 'would delete' : 'deleted') : 'partly done';
  return el('tr', { dataset: { profile: profileKey(result.profile), result: state } },
    el('td', { text: profileLabel(result.profile) }),
    el('td', {}, el('span', { className: `pill ${result.skipped ? 'block' : 'allow'}`, text: label })),
    el('td', { text: result.deleted, dataset: { field: 'deleted' } }),
    el('td', {}, el('ul', {}, ...details), ...itemList(result.stores)));
}

// The host's progress while delete_site walks the profiles: where it is, then how that profile went.
function progressText(p) {
  const where = `${p.browser} / ${p.profile}`;
  const verb = p.dry_run ? 'Previewing' : 'Deleting';
  if (p.state === 'deleting') return `${verb} in ${where} (${Math.min(p.done + 1, p.total)} of ${p.total})…`;
  if (p.state === 'skipped') return `${where}: skipped, ${p.reason} (${p.done} of ${p.total})`;
  const items = `${p.deleted} item${p.deleted === 1 ? '' : 's'}`;
  return `${where}: ${items} ${p.dry_run ? 'would be deleted' : 'deleted'} (${p.done} of ${p.total})`;
}

function showProgress(report) {
  $('progress').textContent = progressText(report);
  $('progress').hidden = false;
}

// delete_site over the WebSocket, so each profile shows as the host reaches it.
async function deleteWithProgress(args) {
  try {
    return await callWithProgress(token, 'delete_site', args, showProgress);
  } finally {
    $('progress').hidden = true;
  }
}

function showOutcome(result) {
  const total = result.profiles.reduce((sum, p) => sum + p.deleted, 0);
  $('outcome-title').textContent = result.dry_run
    ? `Preview for ${result.site}: ${total} items would be deleted`
    : `${result.site}: ${total} items deleted${result.complete ? '' : ' (some profiles were skipped, see below)'}`;
  $('outcomes').tBodies[0].replaceChildren(...result.profiles.map(outcomeRow));
  $('outcome').hidden = false;
  $('outcome').dataset.state = result.dry_run ? 'preview' : 'deleted';
  undoIds = result.dry_run ? [] : result.profiles.map((p) => p.undo?.id).filter(Boolean);
  $('undo').hidden = undoIds.length === 0;
  $('undo').disabled = false;
  $('undo-outcome').hidden = true;
}

// One profile's undo in the host's words: what came back, or why not (a running browser refused).
function undoLine(u) {
  const counts = `${u.restored} item${u.restored === 1 ? '' : 's'} restored` +
    (u.present ? `, ${u.present} already there` : '') + (u.conflicts ? `, ${u.conflicts} kept as the browser rewrote them` : '');
  const what = u.skipped ? `skipped: ${u.skipped}` : counts;
  const problems = u.stores.filter((s) => s.message).map((s) => `${s.store}: ${s.message}`);
  return el('li', { dataset: { profile: profileKey(u.profile), result: u.skipped ?? (u.complete ? 'done' : 'partial') } },
    el('strong', { text: profileLabel(u.profile) }), ` — ${what}`, ...[u.message, ...problems].filter(Boolean).map((m) => ` (${m})`));
}

async function undoDeletion() {
  const result = await call(token, 'undo', { ids: undoIds });
  // A profile refused (its browser runs) can be undone again once it is closed; the others are done.
  undoIds = result.undone.filter((u) => !u.complete).map((u) => u.id);
  $('undo').hidden = undoIds.length === 0;
  $('undo-title').textContent = result.complete ? 'Undone: the deleted data is back' : 'Undone in part (see below)';
  $('undo-results').replaceChildren(...result.undone.map(undoLine));
  $('undo-outcome').hidden = false;
  $('undo-outcome').dataset.state = result.complete ? 'complete' : 'partial';
  await showSite($('site-report').dataset.site);
}

async function preview() {
  const site = $('site-report').dataset.site;
  const targets = checkedTargets();
  if (targets.length === 0) throw new Error('Choose at least one profile.');
  const result = await deleteWithProgress({ site, targets, dry_run: true });
  showOutcome(result);
  previewed = { site, targets };
  $('delete').disabled = result.profiles.every((p) => p.skipped);
}

async function deleteSite() {
  $('delete').disabled = true;
  const result = await deleteWithProgress({ site: previewed.site, targets: previewed.targets });
  previewed = null;
  showOutcome(result);
  await showSite(result.site);
  await loadBrowsers();
}

// Runs an action from a button, showing its failure instead of losing it.
function guarded(action, button) {
  return async (event) => {
    event?.preventDefault();
    if (button) button.disabled = true;
    $('busy').hidden = false;
    try {
      await action();
    } catch (error) {
      showError(error);
    } finally {
      $('busy').hidden = true;
      if (button && button !== $('delete')) button.disabled = false;
    }
  };
}

$('site-form').addEventListener('submit', guarded(async () => {
  $('delete').disabled = true;
  $('outcome').hidden = true;
  await showSite($('site').value.trim());
}));
$('preview').addEventListener('click', guarded(preview, $('preview')));
$('delete').addEventListener('click', guarded(deleteSite, $('delete')));
$('refresh').addEventListener('click', guarded(loadBrowsers, $('refresh')));
$('undo').addEventListener('click', guarded(undoDeletion, $('undo')));
initSweepPanel(() => token, showError);

async function start() {
  try {
    token = await takeToken();
  } catch (error) {
    return showError(error);
  }
  if (!token) return showError(new BadToken('This page needs its token: open the dashboard from "cookiewarden serve" (its link works once).'));
  startPairingPanel(token, showError);
  await guarded(loadBrowsers)();
}

start();
