// The sweep as the pages show it, after every choice (onboarding, options, popup): the page reads
// the cookies already stored and the background sweeps them (sweep-request.js, cookie-sweep.js);
// more than a handful are shown first and go on a click; then what went, with Undo.
// Rendered into the page's #sweep panel.
import { ask, askWithProgress, MSG } from './background-client.js';
import { el } from './element.js';
import { describeSweep } from './sweep-plan.js';
import { requestSweep } from './sweep-request.js';

function show(box, isError, ...children) {
  box.hidden = false;
  box.className = isError ? 'panel notice error' : 'panel notice';
  box.replaceChildren(...children);
}

function undoText(r) {
  if (!r.kept) return 'Nothing to undo: these cookies are no longer kept (undone already, or the browser was restarted).';
  const extra = [r.expired && `${r.expired} expired since`, r.failed && `${r.failed} refused by the browser`].filter(Boolean);
  return `${r.restored} of ${r.kept} cookies put back${extra.length ? ` (${extra.join(', ')})` : ''}. Sites that write them again meet your choices.`;
}

async function undo(box, undoId) {
  const r = await ask(MSG.undoRemoval, { undoId });
  show(box, r.failed > 0 || !r.kept, el('p', { class: 'sweep-undone', text: undoText(r) }));
}

const count = (n) => n.toLocaleString('en-US');

function resultText(r) {
  const failed = r.failed ? ` ${r.failed} could not be removed.` : '';
  const stopped = r.cancelled ? ` Cancelled after ${count(r.cookies)} of ${count(r.planned)}: the others are still stored.` : '';
  return `Removed from this browser: ${describeSweep(r)}.${failed}${stopped}`;
}

function showApplied(box, r) {
  if (!r.cookies) {
    box.hidden = !r.cancelled;
    if (r.cancelled) show(box, false, el('p', { class: 'sweep-result', text: `Cancelled: nothing was removed (${count(r.planned)} cookies are still stored).` }));
    return;
  }
  const line = el('p', { class: 'sweep-result', text: resultText(r) });
  if (!r.undoId) {
    show(box, true, line, el('p', { class: 'sweep-no-undo', text: `Undo is not available: ${r.keepError}.` }));
    return;
  }
  const button = el('button', { class: 'sweep-undo', text: 'Undo' });
  button.addEventListener('click', () => { button.disabled = true; undo(box, r.undoId); });
  show(box, r.failed > 0, line, el('div', { class: 'actions' }, button));
}

// "Removing 1,200 of 4,400…" with a Cancel while the background removes: it reports after every
// slice, and stops at the next one when asked to. Returns what shows each report.
function showRemoving(box, total) {
  const line = el('p', { class: 'sweep-removing', text: `Removing ${count(total)} cookies…` });
  const stop = el('button', { class: 'sweep-stop', text: 'Cancel' });
  stop.addEventListener('click', () => {
    stop.disabled = true;
    line.textContent = 'Cancelling…';
    ask(MSG.cancelSweep);
  });
  show(box, false, line, el('div', { class: 'actions' }, stop));
  return ({ done, total: of }) => {
    if (!stop.disabled) line.textContent = `Removing ${count(done)} of ${count(of)}…`;
  };
}

function showPreview(box, preview) {
  const apply = el('button', { class: 'danger sweep-apply', text: `Remove ${preview.cookies} cookies` });
  const cancel = el('button', { class: 'sweep-cancel', text: 'Not now' });
  apply.addEventListener('click', async () => {
    apply.disabled = true;
    cancel.disabled = true;
    const onProgress = showRemoving(box, preview.cookies);
    const reply = await askWithProgress(MSG.applySweep, { id: preview.id }, onProgress);
    // Another choice was made (or the background restarted) since: look again.
    if (reply.expired) return sweepAfterChoice(box);
    showApplied(box, reply.applied);
  });
  cancel.addEventListener('click', () => { box.hidden = true; });
  show(box, false,
    el('p', { class: 'sweep-preview', text: `Already stored in this browser: ${describeSweep(preview)}. Nothing is removed until you say so.` }),
    el('div', { class: 'actions' }, apply, cancel));
}

// After a choice was saved: sweeps, or shows what a sweep would remove.
export async function sweepAfterChoice(box) {
  try {
    const reply = await requestSweep();
    if (reply.preview) showPreview(box, reply.preview);
    else showApplied(box, reply.applied);
  } catch (e) {
    // A newer sweep started meanwhile (another choice, here or in another page): that one shows.
    if (e.code === 'handover_expired') return;
    show(box, true, el('p', { text: `Stored cookies were not swept: ${e.message}` }));
  }
}
