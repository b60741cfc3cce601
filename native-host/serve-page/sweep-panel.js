// The dashboard's "Apply my choices to every browser" panel: a policy (the JSON the extension
// exports, or "necessary only"), a preview (the host's `sweep` with dry_run), then Apply (the
// same sweep for real) and the outcome per profile: cookies kept and removed per category, the
// vendors of the removed ones, skipped profiles in the host's words. Text from disk or from the
// host is only ever set as textContent.
import { el } from './element.js';
import { callWithProgress } from './server-connection.js';

const $ = (id) => document.getElementById(id);
const NECESSARY_ONLY = { defaults: { functional: 'block', analytics: 'block', social: 'block', marketing: 'block' } };

function categoryLine(categories, dryRun) {
  return Object.entries(categories)
    .filter(([, c]) => c.kept || c.removed)
    .map(([name, c]) => el('li', { text: `${name}: kept ${c.kept}, ${dryRun ? 'would remove' : 'removed'} ${c.removed}`, dataset: { category: name } }));
}

function sweepRow(p, dryRun) {
  const label = `${p.profile.browser_name} / ${p.profile.profile_name}`;
  const key = `${p.profile.browser_id}/${p.profile.profile_id}`;
  const state = p.skipped ? `skipped: ${p.skipped}` : dryRun ? 'would remove' : p.complete ? 'swept' : 'partly swept';
  const notes = [p.message, ...p.stores.filter((s) => s.skipped && s.skipped !== 'not_present').map((s) => `${s.store}: ${s.message}`)]
    .filter(Boolean).map((m) => el('li', { text: m }));
  const vendors = p.cookies.top_vendors.map((v) => `${v.vendor} ${v.removed}`).join(', ');
  return el('tr', { dataset: { profile: key, result: p.skipped ?? 'done' } },
    el('td', { text: label }),
    el('td', {}, el('span', { className: `pill ${p.skipped ? 'block' : 'allow'}`, text: state })),
    el('td', { text: p.cookies.removed, dataset: { field: 'removed' } }),
    el('td', { text: p.cookies.kept, dataset: { field: 'kept' } }),
    el('td', {}, el('ul', {}, ...categoryLine(p.cookies.categories, dryRun), ...(vendors ? [el('li', { text: `top vendors: ${vendors}` })] : []), ...notes)));
}

function readPolicy() {
  const text = $('sweep-policy').value.trim();
  if (!text) throw new Error('Paste the choices exported from the extension, or press "Necessary only".');
  try {
    return JSON.parse(text);
  } catch {
    throw new Error('The choices are not valid JSON (export them from the extension\'s options page).');
  }
}

// `token()` gives the dashboard's token; `showError(error, where)` is the dashboard's.
export function initSweepPanel(token, showError) {
  let previewed = null;  // the policy the last preview ran, which Apply carries out
  const run = async (policy, dryRun) => {
    $('sweep-busy').hidden = false;
    try {
      const result = await callWithProgress(token(), 'sweep', { policy, dry_run: dryRun }, (p) => {
        $('sweep-progress').textContent = `${p.browser} / ${p.profile}: ${p.state} (${p.done} of ${p.total})`;
      });
      const removed = result.profiles.reduce((sum, p) => sum + p.cookies.removed, 0);
      $('sweep-title').textContent = dryRun
        ? `Preview: ${removed} cookies would be removed`
        : `${removed} cookies removed${result.complete ? '' : ' (some profiles were skipped, see below)'}`;
      $('sweep-outcomes').tBodies[0].replaceChildren(...result.profiles.map((p) => sweepRow(p, dryRun)));
      $('sweep-outcome').hidden = false;
      $('sweep-outcome').dataset.state = dryRun ? 'preview' : 'applied';
      return result;
    } finally {
      $('sweep-busy').hidden = true;
      $('sweep-progress').textContent = '';
    }
  };
  const guarded = (action) => async () => {
    $('sweep-error').hidden = true;
    try {
      await action();
    } catch (error) {
      showError(error, $('sweep-error'));
    }
  };
  $('sweep-necessary-only').addEventListener('click', () => {
    $('sweep-policy').value = JSON.stringify(NECESSARY_ONLY, null, 2);
    $('sweep-apply').disabled = true;
  });
  $('sweep-policy').addEventListener('input', () => { $('sweep-apply').disabled = true; });
  $('sweep-preview').addEventListener('click', guarded(async () => {
    const policy = readPolicy();
    const result = await run(policy, true);
    previewed = policy;
    $('sweep-apply').disabled = result.profiles.every((p) => p.skipped);
  }));
  $('sweep-apply').addEventListener('click', guarded(async () => {
    $('sweep-apply').disabled = true;
    await run(previewed, false);
    previewed = null;
  }));
}
