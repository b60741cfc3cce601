// The popup: the current site, what was blocked and allowed per category, per-site switches,
// "necessary only" in one click, and "Delete site data" (what would go first, then the deletion on
// a second click) in this browser and, through the native host, in the other profiles, then its Undo;
// how the page's cookie banner was answered (banner-view.js).
import { ask, MSG, reply, replyWithProgress, showFailure } from './background-client.js';
import { CATEGORIES, labelOf } from './categories.js';
import { showBanner } from './banner-view.js';
import { categorySwitch } from './category-switch.js';
import { el } from './element.js';
import { showGpcLine } from './gpc-line.js';
import { showLocks, showOrganisationNotice } from './organisation-lock.js';
import { actionFor } from './policy.js';
import { sweepAfterChoice } from './sweep-view.js';

let tab = null;
let site = '';

// A choice made here: the page's state again, and the cookies already stored swept with it.
async function afterChoice() {
  await refresh();
  await sweepAfterChoice(document.getElementById('sweep'));
}

function hostOf(url) {
  try { return new URL(url).hostname; } catch { return ''; }
}

function countPills(counts = { blocked: 0, allowed: 0 }) {
  return el('span', { class: 'counts' },
    el('span', { class: counts.blocked ? 'pill block' : 'pill zero', text: `${counts.blocked} blocked` }),
    el('span', { class: counts.allowed ? 'pill allow' : 'pill zero', text: `${counts.allowed} allowed` }));
}

function renderCategories(state, report) {
  const box = document.getElementById('categories');
  box.replaceChildren();
  const overrides = state.policy.sites[site] ?? {};
  for (const c of CATEGORIES) {
    const necessary = c.key === 'necessary';
    const action = actionFor(state.policy, site, c.key);
    const sw = categorySwitch({
      checked: action === 'allow', disabled: necessary || !site, label: `${c.label} on ${site}`,
      onChange: async (on) => { await ask(MSG.setSiteChoice, { site, category: c.key, action: on ? 'allow' : 'block' }); afterChoice(); },
    });
    const tag = !necessary && overrides[c.key] ? el('span', { class: 'pill', text: 'This site' }) : null;
    box.append(el('div', { class: 'category', 'data-category': c.key },
      el('div', {}, el('div', { class: 'name' }, c.label, tag), countPills(report?.categories?.[c.key])),
      sw));
  }
  document.getElementById('reset').hidden = Object.keys(overrides).length === 0;
}

function renderDetails(report) {
  const tbody = document.querySelector('#vendors tbody');
  const vendors = Object.entries(report?.vendors ?? {}).sort((a, b) => b[1].blocked - a[1].blocked || a[0].localeCompare(b[0]));
  tbody.replaceChildren(...(vendors.length ? vendors.map(([name, v]) => el('tr', {},
    el('td', { text: name }), el('td', { text: labelOf(v.category) }), el('td', { text: String(v.blocked) }), el('td', { text: String(v.allowed) })))
    : [el('tr', {}, el('td', { class: 'empty', colspan: '4', text: 'No known vendors on this page.' }))]));
  const blocked = (report?.requests ?? []).filter((r) => r.outcome === 'blocked');
  document.getElementById('blocked-urls').replaceChildren(...(blocked.length
    ? blocked.map((r) => el('li', { text: r.url, title: `${labelOf(r.category)} · ${r.vendor || 'unknown vendor'}` }))
    : [el('li', { class: 'empty', text: 'Nothing blocked.' })]));
  const cookies = [
    ...(report?.cookieWrites ?? []).map((w) => `${w.name} — ${labelOf(w.category)}, write refused (${w.how}${w.host.endsWith(site) ? '' : ` on ${w.host}`})`),
    ...(report?.cookies ?? []).map((c) => `${c.name} (${c.domain}) — ${labelOf(c.category)}, removed from the jar`),
  ];
  document.getElementById('cookies').replaceChildren(...(cookies.length
    ? cookies.map((text) => el('li', { text }))
    : [el('li', { class: 'empty', text: 'No cookies blocked.' })]));
}

function renderSummary(report) {
  const totals = Object.values(report?.categories ?? {}).reduce((t, c) => ({ blocked: t.blocked + c.blocked, allowed: t.allowed + c.allowed }), { blocked: 0, allowed: 0 });
  const cookies = (report?.cookies?.length ?? 0) + (report?.cookieWrites?.length ?? 0);
  document.getElementById('summary').textContent = site
    ? `${totals.blocked} requests blocked · ${totals.allowed} allowed · ${cookies} cookie${cookies === 1 ? '' : 's'} blocked`
    : 'Cookie Warden does not act on this page.';
}

async function refresh() {
  const [state, report] = await Promise.all([ask(MSG.getState), tab ? ask(MSG.getTabReport, { tabId: tab.id }) : null]);
  site = report?.site || site;
  document.getElementById('site').textContent = site || 'No site';
  renderSummary(report);
  renderCategories(state, report);
  // Both buttons rewrite every category of the site: a locked one would refuse them whole.
  if (showLocks(state, site, document.querySelectorAll('#categories .category'))) {
    for (const id of ['necessary-only', 'reset']) document.getElementById(id).hidden = true;
  }
  showOrganisationNotice(state, document.getElementById('organisation'));
  showGpcLine(state, site, document.getElementById('gpc'));
  renderDetails(report);
  const ms = state.timings?.coldStartMs;
  document.getElementById('engine').textContent = ms == null ? '' : `engine ready ${ms.toFixed(0)} ms after start`;
  await showBanner(document.getElementById('banner'), { site, report, browser: state.browser });
}

function showResult(text, isError = false) {
  const box = document.getElementById('result');
  box.hidden = false;
  box.className = isError ? 'notice error' : 'notice';
  box.textContent = text;
}

// The native host's per-profile outcome, in words.
function profileOutcome(p) {
  if (p.skipped === 'running') return { text: 'running: skipped', cls: 'pill block' };
  if (p.skipped) return { text: `skipped (${p.skipped})`, cls: 'pill block' };
  const items = `${p.deleted} item${p.deleted === 1 ? '' : 's'} deleted`;
  return p.complete ? { text: items, cls: 'pill allow' } : { text: `${items}, incomplete`, cls: 'pill block' };
}

// The host's progress line while delete_site walks the profiles: where it is, then how that profile went.
function progressText(p) {
  const where = `${p.browser} / ${p.profile}`;
  const step = `(${Math.min(p.done + 1, p.total)} of ${p.total})`;
  if (p.state === 'deleting') return `Deleting in ${where} ${step}…`;
  if (p.state === 'skipped') return `${where}: skipped, ${p.reason} (${p.done} of ${p.total})`;
  return `${where}: ${p.deleted} item${p.deleted === 1 ? '' : 's'} deleted (${p.done} of ${p.total})`;
}

// The host's progress for this popup's deletion (over the popup's own port: replyWithProgress).
function showProgress(progress) {
  document.getElementById('elsewhere').hidden = false;
  const line = document.getElementById('elsewhere-progress');
  line.hidden = false;
  line.textContent = progressText(progress);
}

// What the other browsers' line says when the native host gave no result.
function notReached(reply) {
  return reply.code === 'not_installed'
    ? 'Not reached: the Cookie Warden app is not installed on this computer (cookiewarden install), nor paired with cookiewarden serve (Options, App).'
    : `Not reached: ${reply.message}`;
}

function renderElsewhere(reply) {
  const box = document.getElementById('elsewhere');
  const list = document.getElementById('elsewhere-list');
  box.hidden = false;
  document.getElementById('elsewhere-progress').hidden = true;
  if (!reply.ok) {
    list.replaceChildren(el('li', { class: 'empty', text: notReached(reply) }));
    return;
  }
  const profiles = reply.result.profiles ?? [];
  list.replaceChildren(...(profiles.length ? profiles.map((p) => {
    const outcome = profileOutcome(p);
    // The host's message says why (which browser to close); the title shows it on hover.
    return el('li', { title: p.message || p.profile.path },
      el('span', { text: profileName(p.profile) }),
      el('span', { class: outcome.cls, text: outcome.text }),
      ...undoNote(p.undo));
  }) : [el('li', { class: 'empty', text: 'No browser profiles found.' })]));
}

const profileName = (profile) => `${profile.browser_name} · ${profile.profile_name || profile.profile_id}`;

// Until when the host can undo a profile's deletion, and which of its stores it cannot bring back.
function undoNote(undo) {
  if (!undo) return [];
  const until = `can be undone until ${new Date(undo.until).toLocaleString()}`;
  const not = undo.not_undoable.length ? `; not undoable: ${undo.not_undoable.join(', ')}` : '';
  return [el('span', { class: 'muted small undo-until', text: until + not })];
}

// ---- Undo of the last deletion: this browser's kept cookies, and the host's journals -------------

// {site, undoId, ids}: the last deletion, until it is undone: the undo id of this browser's kept
// cookies (null once set back, or when they could not be kept), and the host's undo IDs still to be undone.
let undoable = null;

function offerUndo(site, undoId, elsewhere) {
  const ids = elsewhere?.ok ? (elsewhere.result.profiles ?? []).map((p) => p.undo?.id).filter(Boolean) : [];
  undoable = { site, undoId, ids };
  document.getElementById('undo').hidden = false;
  document.getElementById('undo-button').disabled = false;
  document.getElementById('undo-here').hidden = true;
  document.getElementById('undo-elsewhere').replaceChildren();
}

// One profile's undo in the host's words: what came back, or why not (a running browser refused).
function undoOutcome(u) {
  if (u.skipped) return { text: `not undone (${u.skipped})`, cls: 'pill block' };
  const text = `${u.restored} item${u.restored === 1 ? '' : 's'} restored${u.present ? `, ${u.present} already there` : ''}`;
  return { text: u.complete ? text : `${text}, incomplete`, cls: u.complete ? 'pill allow' : 'pill block' };
}

function renderUndoElsewhere(reply) {
  const list = document.getElementById('undo-elsewhere');
  if (!reply) return;
  if (!reply.ok) {
    list.replaceChildren(el('li', { class: 'empty', text: notReached(reply) }));
    return;
  }
  list.replaceChildren(...reply.result.undone.map((u) => {
    const outcome = undoOutcome(u);
    const problems = [u.message, ...u.stores.filter((s) => s.message).map((s) => `${s.store}: ${s.message}`)].filter(Boolean);
    return el('li', { title: problems.join('\n') || u.profile.path },
      el('span', { text: profileName(u.profile) }),
      el('span', { class: outcome.cls, text: outcome.text }),
      ...(u.message ? [el('span', { class: 'muted small', text: u.message })] : []));
  }));
}

function hereText(site, reply) {
  if (!reply.ok) return `${site}: cookies not restored: ${reply.message}`;
  const r = reply.result;
  if (!r.kept) return `${site}: no cookies of this browser are kept for Undo any more (undone already, or the browser was restarted).`;
  const extra = [r.expired && `${r.expired} expired since`, r.failed && `${r.failed} refused by the browser`].filter(Boolean);
  return `${site}: ${r.restored} of ${r.kept} cookies restored in this browser${extra.length ? ` (${extra.join(', ')})` : ''}. Its storage stays deleted.`;
}

async function undoDeletion() {
  const { site, undoId, ids } = undoable;
  document.getElementById('undo-button').disabled = true;
  const [here, elsewhere] = await Promise.all([
    undoId ? reply(MSG.undoRemoval, { undoId }) : null,
    ids.length ? reply(MSG.undoSiteElsewhere, { ids }) : null,
  ]);
  if (here) {
    const line = document.getElementById('undo-here');
    line.hidden = false;
    line.className = !here.ok || here.result.failed ? 'notice error' : 'notice';
    line.textContent = hereText(site, here);
  }
  renderUndoElsewhere(elsewhere);
  // A profile whose browser was running can be undone once it is closed: Undo stays for those.
  const left = elsewhere?.ok ? elsewhere.result.undone.filter((u) => !u.complete).map((u) => u.id) : ids;
  undoable = { site, undoId: null, ids: left };
  document.getElementById('undo-button').disabled = left.length === 0;
  refresh();
}

// ---- "Delete site data": a preview first, the deletion only on a second, explicit click --------

const STORAGE_LABELS = { localStorage: 'localStorage', indexedDB: 'IndexedDB', cacheStorage: 'Cache Storage', serviceWorkers: 'service workers' };
const KIND_LABELS = { cookie: 'cookies', local_storage: 'localStorage keys', session_storage: 'sessionStorage keys', indexeddb: 'IndexedDB databases',
  folder: 'storage folders', quota_record: 'storage records' };
const SHOWN_COOKIES = 50;

// The site the person saw in the preview; the deletion carries it, and the background refuses it if
// the tab has moved on to another site.
let previewed = null;

function cookieLine(c) {
  const where = c.partition ? ` under ${c.partition}` : '';
  const store = c.store ? ` [${c.store}]` : '';
  return `${c.name} (${c.domain})${where}${store}`;
}

function renderThisBrowserPreview(p) {
  document.getElementById('preview-title').textContent = `Delete ${p.site}'s data?`;
  const suffix = document.getElementById('preview-suffix');
  suffix.hidden = !p.suffixOnly;
  suffix.textContent = p.suffixOnly
    ? `${p.site} is itself a public suffix: sites under it (name.${p.site}) are separate sites. Only ${p.site}'s own data is included.`
    : '';
  const n = p.cookies.length;
  document.getElementById('preview-cookies-count').textContent = `${n} cookie${n === 1 ? '' : 's'}${n ? ':' : ''}`;
  const lines = p.cookies.slice(0, SHOWN_COOKIES).map((c) => el('li', { text: cookieLine(c) }));
  if (n > SHOWN_COOKIES) lines.push(el('li', { class: 'empty', text: `and ${n - SHOWN_COOKIES} more` }));
  document.getElementById('preview-cookies').replaceChildren(...lines);
  document.getElementById('preview-storage').textContent =
    `Storage: ${p.storage.types.map((t) => STORAGE_LABELS[t] ?? t).join(', ')} of ${p.storage.hosts.join(', ')}.`;
  document.getElementById('preview-storage-limit').textContent =
    'The browser cannot list which other subdomains of the site hold storage: only the hosts above are cleared ' +
    '(the site, www., the hosts of its cookies and of the pages and frames open now).';
}

// A dry run's counts per data type, per profile.
function dryRunCounts(profile) {
  const counts = {};
  for (const store of profile.stores ?? []) for (const item of store.items ?? []) counts[item.kind] = (counts[item.kind] ?? 0) + 1;
  const parts = Object.entries(counts).map(([kind, count]) => `${count} ${KIND_LABELS[kind] ?? kind}`);
  return parts.length ? parts.join(', ') : 'nothing';
}

function renderElsewherePreview(reply) {
  const list = document.getElementById('preview-elsewhere');
  if (!reply.ok) {
    list.replaceChildren(el('li', { class: 'empty', text: notReached(reply) }));
    return;
  }
  const profiles = reply.result.profiles ?? [];
  list.replaceChildren(...(profiles.length ? profiles.map((p) => el('li', { title: p.message || p.profile.path },
    el('span', { text: profileName(p.profile) }),
    el('span', { class: p.skipped ? 'pill block' : 'pill', text: p.skipped ? `skipped (${p.skipped})` : dryRunCounts(p) })))
    : [el('li', { class: 'empty', text: 'No browser profiles found.' })]));
}

function closePreview() {
  previewed = null;
  document.getElementById('preview').hidden = true;
  document.getElementById('delete').disabled = false;
}

async function showPreview() {
  document.getElementById('result').hidden = true;
  const p = await ask(MSG.previewSiteData, { tabId: tab.id });
  previewed = p.site;
  renderThisBrowserPreview(p);
  document.getElementById('preview-elsewhere').replaceChildren(el('li', { class: 'empty', text: 'Looking in the other browsers…' }));
  document.getElementById('delete').disabled = true;
  // Confirming waits for the whole preview: nothing is deleted that was not shown.
  document.getElementById('delete-confirm').disabled = true;
  document.getElementById('preview').hidden = false;
  const site = p.site;
  const elsewhere = await reply(MSG.previewSiteElsewhere, { tabId: tab.id, site });
  if (previewed !== site) return;
  renderElsewherePreview(elsewhere);
  document.getElementById('delete-confirm').disabled = false;
}

async function deleteConfirmed() {
  const site = previewed;
  let undoId = null;
  document.getElementById('delete-confirm').disabled = true;
  document.getElementById('preview').hidden = true;
  try {
    const r = await ask(MSG.deleteSiteData, { tabId: tab.id, site });
    const storage = r.storage.ok ? `site storage cleared (${r.storage.types.join(', ')})` : `site storage NOT cleared: ${r.storage.error}`;
    const kept = r.cookies.undoId ? '' : ` Undo cannot bring these cookies back: ${r.cookies.keepError}.`;
    showResult(`${site}: ${r.cookies.removed} of ${r.cookies.found} cookies deleted${r.cookies.left ? `, ${r.cookies.left} left` : ''}; ${storage}.${kept}`, !r.storage.ok || r.cookies.left > 0 || !r.cookies.undoId);
    undoId = r.cookies.undoId;
  } catch (e) {
    // A tab that moved on to another site: nothing was deleted, here or elsewhere.
    if (e.code === 'refused') {
      showResult(e.message, true);
      closePreview();
      return;
    }
    showResult(`Could not delete ${site}'s data: ${e.message}`, true);
  }
  document.getElementById('elsewhere-list').replaceChildren();
  const elsewhere = await replyWithProgress(MSG.deleteSiteElsewhere, { tabId: tab.id, site }, showProgress);
  renderElsewhere(elsewhere);
  offerUndo(site, undoId, elsewhere);
  closePreview();
  refresh();
}

async function main() {
  // ?tab=<id> lets the options page and the tests open the popup for a given tab.
  const wanted = Number(new URLSearchParams(location.search).get('tab'));
  tab = wanted ? await chrome.tabs.get(wanted) : (await chrome.tabs.query({ active: true, currentWindow: true }))[0];
  const host = hostOf(tab?.url ?? '');
  site = host ? (await ask(MSG.getTabReport, { tabId: tab.id }))?.site || host : '';
  document.getElementById('necessary-only').addEventListener('click', async () => {
    await ask(MSG.setSiteNecessaryOnly, { site });
    showResult(`Necessary only on ${site}. Reload the page to apply it to scripts already loaded.`);
    afterChoice();
  });
  document.getElementById('reset').addEventListener('click', async () => { await ask(MSG.clearSite, { site }); afterChoice(); });
  document.getElementById('delete').addEventListener('click', () => showPreview().catch((e) => showResult(e.message, true)));
  document.getElementById('delete-confirm').addEventListener('click', deleteConfirmed);
  document.getElementById('delete-cancel').addEventListener('click', closePreview);
  document.getElementById('undo-button').addEventListener('click', () => undoDeletion().catch((e) => showResult(`Undo failed: ${e.message}`, true)));
  refresh();
  offerLastUndo();
}

// A popup opened again after a deletion still offers to undo it (this browser's cookies, while
// they are kept: until the browser closes).
async function offerLastUndo() {
  if (!site) return;
  const last = await ask(MSG.lastDeletion, { site });
  if (!last || undoable) return;
  offerUndo(site, last.id, null);
  const line = document.getElementById('undo-here');
  line.hidden = false;
  line.className = 'notice';
  line.textContent = `${site}'s data was deleted at ${new Date(last.at).toLocaleTimeString()}: Undo puts back its ${last.count} cookie${last.count === 1 ? '' : 's'} in this browser.`;
}

main().catch(showFailure);
