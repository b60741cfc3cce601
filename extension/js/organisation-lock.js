// How the pages show a locked organisation policy (policy.js lockedBy): each category row it fixes
// gets a disabled switch and a "Set by your organisation" pill, and the page's notice says why. The
// background refuses the change anyway; the pages only make it visible.
import { el } from './element.js';
import { lockedBy } from './policy.js';

const LOCK_TEXT = 'Set by your organisation';

// `rows`: the page's `.category[data-category]` elements; `site` null for the defaults. Returns
// whether any of them is locked.
export function showLocks(state, site, rows) {
  let any = false;
  for (const row of rows) {
    if (!lockedBy(state.managed, site, row.dataset.category)) continue;
    const input = row.querySelector('input');
    if (input) input.disabled = true;
    any = true;
    row.classList.add('locked');
    row.querySelector('.name')?.append(el('span', { class: 'pill locked', text: LOCK_TEXT, title: 'Your organisation manages this choice: it cannot be changed here.' }));
  }
  return any;
}

// For a row of the Sites or Kept lists that only the organisation set: the pill instead of the
// person's "Remove" (removing it would change nothing).
export function organisationPill() {
  return el('span', { class: 'pill locked', text: LOCK_TEXT });
}

// The notice line: the organisation's policy in force (or refused, and why). Hidden without one.
export function showOrganisationNotice(state, box) {
  const text = state.managedError
    ?? (state.managed?.locked ? `${LOCK_TEXT}: the choices marked so are managed by your organisation and cannot be changed here.` : null)
    ?? (state.managed ? 'Your organisation suggests some of these choices; you can change them.' : null);
  box.hidden = !text;
  box.className = state.managedError ? 'notice error small' : 'notice small';
  box.textContent = text ?? '';
}
