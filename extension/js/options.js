// Options: global defaults, the per-site overrides and kept sites, the log of recent decisions,
// import/export of the policy.
import { ask, MSG, showFailure } from './background-client.js';
import { CATEGORIES, labelOf } from './categories.js';
import { categorySwitch } from './category-switch.js';
import { el } from './element.js';
import { initLog, renderLog } from './options-log.js';
import { initOtherBrowsers } from './other-browsers.js';
import { organisationPill, showLocks, showOrganisationNotice } from './organisation-lock.js';
import { actionFor, lockedBy, NECESSARY_ONLY } from './policy.js';
import { sweepAfterChoice } from './sweep-view.js';

let state = null;

function renderDefaults() {
  const box = document.getElementById('defaults');
  box.replaceChildren();
  const { policy, chosen } = state;
  document.getElementById('not-chosen').hidden = chosen;
  for (const c of CATEGORIES) {
    const necessary = c.key === 'necessary';
    box.append(el('div', { class: 'category', 'data-category': c.key },
      el('div', { class: 'name', text: c.label }),
      categorySwitch({ checked: actionFor(policy, null, c.key) === 'allow', disabled: necessary, label: c.label,
        onChange: (on) => update(MSG.setDefaults, { defaults: { [c.key]: on ? 'allow' : 'block' } }) }),
      el('p', { class: 'blurb', text: c.blurb })));
  }
  document.getElementById('unknown').value = policy.unknown_third_party;
  // "Necessary only" rewrites every default: a locked one would refuse it whole.
  document.getElementById('defaults-necessary').hidden = showLocks(state, null, box.querySelectorAll('.category'));
  document.getElementById('unknown').disabled = lockedBy(state.managed, null, 'unknown');
  showOrganisationNotice(state, document.getElementById('organisation'));
  const t = state.timings;
  const dnr = state.dnr;
  const parts = [];
  if (t?.coldStartMs != null) parts.push(`Engine ready ${t.coldStartMs.toFixed(1)} ms after the background started (load ${t.loadMs.toFixed(1)} ms).`);
  if (dnr?.rules != null) parts.push(`${dnr.rules} network rules in use.`);
  document.getElementById('engine-status').textContent = parts.join(' ');
}

function renderSites() {
  const tbody = document.querySelector('#sites tbody');
  const sites = Object.entries(state.policy.sites).sort(([a], [b]) => a.localeCompare(b));
  tbody.replaceChildren(...(sites.length ? sites.map(([site, choices]) => el('tr', {},
    el('td', { text: site }),
    el('td', {}, el('div', { class: 'choices' }, ...Object.entries(choices).map(([c, a]) =>
      el('span', { class: `pill ${a}`, text: `${labelOf(c)}: ${a === 'allow' ? 'allowed' : 'blocked'}` })))),
    el('td', {}, state.own.sites[site] ? el('button', { class: 'link', text: 'Remove', onclick: () => update(MSG.clearSite, { site }) }) : organisationPill())))
    : [el('tr', {}, el('td', { class: 'empty', colspan: '3', text: 'No per-site choices yet.' }))]));
}

function renderKept() {
  const tbody = document.querySelector('#kept tbody');
  tbody.replaceChildren(...(state.policy.keep.length ? state.policy.keep.map((site) => el('tr', {},
    el('td', { text: site }),
    el('td', {}, state.own.keep.includes(site) ? el('button', { class: 'link', text: 'Remove', onclick: () => update(MSG.setKept, { site, kept: false }) }) : organisationPill())))
    : [el('tr', {}, el('td', { class: 'empty', colspan: '2', text: 'No kept sites.' }))]));
}

// What the person typed: a site, a host or a URL; the URL parser also turns an IDN into punycode.
function hostOfInput(text) {
  const trimmed = text.trim();
  try {
    return new URL(trimmed.includes('://') ? trimmed : `https://${trimmed}`).hostname;
  } catch {
    return trimmed;
  }
}

async function keepSite(event) {
  event.preventDefault();
  const input = document.getElementById('keep-site');
  const error = document.getElementById('keep-error');
  try {
    await update(MSG.setKept, { site: hostOfInput(input.value), kept: true });
    input.value = '';
    error.hidden = true;
  } catch (e) {
    error.hidden = false;
    error.textContent = `Not kept: ${e.message}`;
  }
}

async function load() {
  state = await ask(MSG.getState);
  renderDefaults();
  renderSites();
  renderKept();
}

const sweepBox = () => document.getElementById('sweep');

// Every change here is a choice: the cookies already stored are swept with it.
async function update(what, payload) {
  await ask(what, payload);
  await load();
  await sweepAfterChoice(sweepBox());
}

// Private windows' cookies are swept only where the browser lets the extension in.
async function showPrivateNote() {
  document.getElementById('private-note').hidden = await chrome.extension.isAllowedIncognitoAccess();
}

function showTab(name) {
  for (const b of document.querySelectorAll('.tabs button')) b.setAttribute('aria-selected', String(b.dataset.tab === name));
  for (const p of document.querySelectorAll('[data-panel]')) p.hidden = p.dataset.panel !== name;
  if (name === 'log') renderLog();
}

function backupResult(text, isError) {
  const box = document.getElementById('backup-result');
  box.hidden = false;
  box.className = isError ? 'notice error' : 'notice';
  box.textContent = text;
}

async function exportSettings() {
  const policy = await ask(MSG.exportSettings);
  const url = URL.createObjectURL(new Blob([JSON.stringify(policy, null, 2)], { type: 'application/json' }));
  el('a', { href: url, download: 'cookiewarden-policy.json' }).click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

async function importSettings(file) {
  let parsed;
  try {
    parsed = JSON.parse(await file.text());
  } catch {
    return backupResult(`${file.name} is not JSON.`, true);
  }
  try {
    await ask(MSG.importSettings, { settings: parsed });
    await load();
    sweepAfterChoice(sweepBox());
    const n = Object.keys(state.policy.sites).length;
    const kept = state.policy.keep.length;
    backupResult(`Imported ${file.name}: defaults, ${n} site${n === 1 ? ' with its' : 's with their'} own choices and ${kept} kept site${kept === 1 ? '' : 's'}.`, false);
  } catch (e) {
    backupResult(`Not imported: ${e.message}`, true);
  }
}

document.querySelector('.tabs').addEventListener('click', (e) => { if (e.target.dataset.tab) showTab(e.target.dataset.tab); });
document.getElementById('defaults-necessary').addEventListener('click', () =>
  update(MSG.setDefaults, { defaults: NECESSARY_ONLY }));
document.getElementById('unknown').addEventListener('change', (e) =>
  update(MSG.importSettings, { settings: { ...state.own, unknown_third_party: e.target.value } }));
document.getElementById('keep-form').addEventListener('submit', keepSite);
document.getElementById('export').addEventListener('click', exportSettings);
document.getElementById('import').addEventListener('change', (e) => { if (e.target.files[0]) importSettings(e.target.files[0]); });
const linked = location.hash.slice(1);
if ([...document.querySelectorAll('[data-panel]')].some((p) => p.dataset.panel === linked)) showTab(linked);
load().catch(showFailure);
showPrivateNote();
initOtherBrowsers();
initLog();
