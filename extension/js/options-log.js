// The options page's Log tab: the decision log, filtered by site, category and "violations only",
// and, for one site, its consent-violation record: exported as JSON or opened as a printable report.
import { ask, MSG } from './background-client.js';
import { CATEGORIES, labelOf } from './categories.js';
import { downloadJson } from './download-json.js';
import { el } from './element.js';

const SHOWN = 200;

// How a decision was enforced, in words.
const ENFORCED_BY = {
  declarativeNetRequest: 'network rule',
  webRequest: 'decided live',
  'cookies.onChanged': 'removed from jar',
  'document.cookie': 'refused in page',
  'cookieStore.set': 'refused in page',
};

const $ = (id) => document.getElementById(id);

function filters() {
  return { site: $('log-site').value, category: $('log-category').value, violationsOnly: $('log-violations').checked };
}

export function filterEntries(entries, { site, category, violationsOnly }) {
  return entries.filter((e) => (!site || e.site === site) && (!category || e.category === category) && (!violationsOnly || e.violation));
}

// The site list follows the log; the selection stays while its site is still there.
function fillSites(entries) {
  const select = $('log-site');
  const chosen = select.value;
  const sites = [...new Set(entries.map((e) => e.site).filter(Boolean))].sort();
  select.replaceChildren(el('option', { value: '', text: 'All sites' }), ...sites.map((s) => el('option', { value: s, text: s })));
  select.value = sites.includes(chosen) ? chosen : '';
}

function row(e) {
  return el('tr', e.violation ? { class: 'violation' } : {},
    el('td', { text: new Date(e.at).toLocaleString([], { hour12: false }) }),
    el('td', { text: e.site || '—' }),
    el('td', { class: 'url what', text: e.kind === 'cookie' ? `cookie ${e.name} (${e.url})` : e.url }),
    el('td', { text: labelOf(e.category) }),
    el('td', { text: e.vendor || '—' }),
    el('td', {}, el('span', { class: `pill ${e.action}`, text: e.action === 'block' ? 'blocked' : 'allowed' }),
      e.violation ? el('span', { class: 'pill violation', text: 'violation' }) : null,
      e.by ? el('div', { class: 'muted small', text: ENFORCED_BY[e.by] ?? e.by }) : null));
}

export async function renderLog() {
  const entries = await ask(MSG.getDecisionLog);
  fillSites(entries);
  const chosen = filters();
  const shown = filterEntries(entries, chosen).slice(0, SHOWN);
  $('log-record').hidden = !chosen.site;
  const empty = entries.length ? 'Nothing matches these filters.' : 'Nothing decided yet.';
  $('log').querySelector('tbody').replaceChildren(...(shown.length ? shown.map(row)
    : [el('tr', {}, el('td', { class: 'empty', colspan: '6', text: empty }))]));
}

async function exportRecord() {
  const site = $('log-site').value;
  const record = await ask(MSG.getSiteRecord, { site });
  downloadJson(`cookiewarden-record-${site}.json`, record);
}

export function initLog() {
  const categories = $('log-category');
  for (const c of CATEGORIES) categories.append(el('option', { value: c.key, text: c.label }));
  $('log-filters').addEventListener('change', renderLog);
  $('log-refresh').addEventListener('click', renderLog);
  $('log-export').addEventListener('click', exportRecord);
  $('log-report').addEventListener('click', () =>
    chrome.tabs.create({ url: chrome.runtime.getURL(`pages/report.html?site=${encodeURIComponent($('log-site').value)}`) }));
}
