// The printable consent record of one site (pages/report.html?site=...): the person's choice, what
// the site's TCF CMP recorded, every attempt stopped with violations marked, the authority the
// person chooses for their region (data/authorities.json) and a neutral letter to it.
import { ask, MSG, showFailure } from './background-client.js';
import { CHOOSABLE, labelOf } from './categories.js';
import { complaintLetter } from './complaint-letter.js';
import { el } from './element.js';
import { purposesOf } from './tcf-purposes.js';

const $ = (id) => document.getElementById(id);
const ids = (list) => (list.length ? list.join(', ') : 'none');
const VENDORS_SHOWN = 40;
let record = null;
let authorities = null;

function renderHeader() {
  $('site').textContent = record.site;
  $('made').textContent = `Made ${record.generatedAt.replace('T', ' ').slice(0, 19)} UTC by ${record.extension.name} ${record.extension.version} in ${record.browser.name} ${record.browser.version}.`;
  const { attempts, violations } = record.summary;
  $('summary').textContent = `${attempts} attempt${attempts === 1 ? '' : 's'} stopped on ${record.site}; ${violations} of them against the site's own consent record (violations).`;
}

function renderChoice() {
  $('choice').querySelector('tbody').replaceChildren(...CHOOSABLE.map((c) => el('tr', {},
    el('td', { text: labelOf(c) }),
    el('td', {}, el('span', { class: `pill ${record.choice[c]}`, text: record.choice[c] === 'allow' ? 'allowed' : 'refused' })),
    el('td', { text: ids(purposesOf(c)) }))));
}

function vendorsText(list) {
  if (list.length <= VENDORS_SHOWN) return ids(list);
  return `${list.slice(0, VENDORS_SHOWN).join(', ')} and ${list.length - VENDORS_SHOWN} more (all in the JSON export)`;
}

function cmpBlock(r, i) {
  return el('div', { class: 'cmp-record', 'data-index': String(i) },
    el('h3', { text: `Record ${i + 1}: read ${r.at.replace('T', ' ').slice(0, 19)} UTC (last seen ${r.lastSeen.replace('T', ' ').slice(0, 19)})` }),
    el('table', {}, el('tbody', {},
      el('tr', {}, el('th', { text: 'Page' }), el('td', { class: 'url', text: r.pageUrl })),
      el('tr', {}, el('th', { text: 'CMP' }), el('td', { text: `id ${r.cmpId ?? '?'}, version ${r.cmpVersion ?? '?'}, TCF policy ${r.tcfPolicyVersion ?? '?'}, GDPR applies: ${r.gdprApplies ?? 'not said'}` })),
      el('tr', {}, el('th', { text: 'Purposes consented' }), el('td', { class: 'purposes-consented', text: ids(r.purposeConsents) })),
      el('tr', {}, el('th', { text: 'Purposes by legitimate interest' }), el('td', { class: 'purposes-li', text: ids(r.purposeLegitimateInterests) })),
      el('tr', {}, el('th', { text: 'Vendors consented' }), el('td', { text: vendorsText(r.vendorConsents) })),
      el('tr', {}, el('th', { text: 'Vendors by legitimate interest' }), el('td', { text: vendorsText(r.vendorLegitimateInterests) })),
      el('tr', {}, el('th', { text: 'TC string' }), el('td', { class: 'tc-string', text: r.tcString })))));
}

function renderCmp() {
  $('cmp').replaceChildren(...(record.cmpRecords.length ? record.cmpRecords.map(cmpBlock)
    : [el('p', { class: 'muted', text: 'No IAB TCF consent platform was read on this site: no attempt can be shown against the site\'s own record.' })]));
}

function renderAttempts() {
  const rows = record.attempts.map((a) => el('tr', a.violation ? { class: 'violation' } : {},
    el('td', { text: a.at.replace('T', ' ').slice(0, 19) }),
    el('td', { class: 'url', text: a.kind === 'cookie' ? `cookie ${a.name} (${a.url})` : `${a.requestType ?? 'request'} ${a.url}` }),
    el('td', { text: `${labelOf(a.category)} (TCF ${ids(a.tcfPurposes)})` }),
    el('td', { text: a.vendor ?? '—' }),
    el('td', { text: a.enforcedBy ?? '—' }),
    el('td', {}, a.violation ? el('span', { class: 'pill violation', text: 'violation' }) : null)));
  $('attempts').querySelector('tbody').replaceChildren(...(rows.length ? rows
    : [el('tr', {}, el('td', { colspan: '6', class: 'empty', text: 'Nothing was stopped on this site.' }))]));
}

const regionOf = (id) => authorities.regions.find((r) => r.id === id);

function chosenAuthority() {
  return regionOf($('region').value).authorities[Number($('authority').value)];
}

function renderAuthority() {
  const region = regionOf($('region').value);
  const a = chosenAuthority();
  $('authority-details').replaceChildren(el('strong', { text: a.name }), ` (${a.countryName}): `, el('a', { href: a.url, text: a.url }),
    ...(a.complaintUrl ? ['; complaints: ', el('a', { href: a.complaintUrl, text: a.complaintUrl })] : []));
  $('region-note').textContent = region.note;
  const source = authorities.sources.find((s) => s.for === region.id);
  $('authority-source').textContent = `Source: ${source.name}, ${source.url}`;
  $('letter').textContent = complaintLetter(record, a);
}

function fillAuthorities() {
  const region = regionOf($('region').value);
  $('authority').replaceChildren(...region.authorities.map((a, i) => el('option', { value: String(i), text: `${a.countryName}: ${a.name}` })));
  renderAuthority();
}

async function load() {
  const site = new URLSearchParams(location.search).get('site') ?? '';
  [record, authorities] = await Promise.all([ask(MSG.getSiteRecord, { site }), fetch('../data/authorities.json').then((r) => r.json())]);
  document.title = `Cookie Warden — consent record of ${record.site}`;
  renderHeader();
  renderChoice();
  renderCmp();
  renderAttempts();
  $('region').replaceChildren(...authorities.regions.map((r) => el('option', { value: r.id, text: r.name })));
  fillAuthorities();
  document.body.dataset.ready = 'true';
}

$('region').addEventListener('change', fillAuthorities);
$('authority').addEventListener('change', renderAuthority);
$('print').addEventListener('click', () => window.print());
load().catch(showFailure);
