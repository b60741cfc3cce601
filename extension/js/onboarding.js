// Onboarding: the five categories with a switch each and the vendors behind each one (from the
// engine's rules); "necessary only" is the recommended choice and what applies until one is saved.
import { ask, MSG, showFailure } from './background-client.js';
import { CATEGORIES } from './categories.js';
import { categorySwitch } from './category-switch.js';
import { el } from './element.js';
import { showLocks } from './organisation-lock.js';
import { actionFor } from './policy.js';
import { sweepAfterChoice } from './sweep-view.js';

const chosen = {};

function vendorList(names) {
  if (!names?.length) return el('p', { class: 'muted small', text: 'No vendors listed in this category.' });
  return el('div', { class: 'vendors' }, ...names.map((n) => el('span', { text: n })));
}

function categoryRow(category, allowed, vendors) {
  const details = el('div', { class: 'extra', hidden: '' }, vendorList(vendors[category.key]));
  const toggle = el('button', { class: 'link small', text: 'Show details', 'aria-expanded': 'false' });
  toggle.addEventListener('click', () => {
    const open = details.hidden;
    details.hidden = !open;
    toggle.textContent = open ? 'Hide details' : 'Show details';
    toggle.setAttribute('aria-expanded', String(open));
  });
  const necessary = category.key === 'necessary';
  const sw = categorySwitch({
    checked: necessary || allowed, disabled: necessary, label: category.label,
    onChange: (on) => { chosen[category.key] = on ? 'allow' : 'block'; },
  });
  const count = vendors[category.key]?.length ?? 0;
  return el('div', { class: 'category', 'data-category': category.key },
    el('div', { class: 'name' }, category.label, necessary ? el('span', { class: 'pill neutral', text: 'Always on' }) : null),
    sw,
    el('p', { class: 'blurb' }, category.blurb, ' ', el('span', { class: 'muted', text: `${count} vendor${count === 1 ? '' : 's'}.` }), ' ', toggle),
    details);
}

async function save(defaults) {
  await ask(MSG.setDefaults, { defaults });
  const saved = document.getElementById('saved');
  saved.hidden = false;
  const allowed = Object.entries(defaults).filter(([, a]) => a === 'allow').map(([k]) => CATEGORIES.find((c) => c.key === k).label);
  saved.textContent = allowed.length ? `Saved: necessary plus ${allowed.join(', ')}.` : 'Saved: necessary only.';
  await sweepAfterChoice(document.getElementById('sweep'));
}

async function main() {
  const [state, vendors] = await Promise.all([ask(MSG.getState), ask(MSG.getVendors)]);
  const box = document.getElementById('categories');
  for (const c of CATEGORIES) {
    if (c.key !== 'necessary') chosen[c.key] = actionFor(state.policy, null, c.key);
    box.append(categoryRow(c, chosen[c.key] === 'allow', vendors));
  }
  showLocks(state, null, box.querySelectorAll('.category'));
  document.getElementById('necessary-only').addEventListener('click', async () => {
    for (const input of box.querySelectorAll('.category:not([data-category=necessary]) input:not(:disabled)')) {
      input.checked = false;
      input.dispatchEvent(new Event('change'));
    }
    await save({ ...chosen });
  });
  document.getElementById('save').addEventListener('click', () => save({ ...chosen }));
}

main().catch(showFailure);
