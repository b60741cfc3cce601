// Options, "Other browsers": the extension's own choices (the policy in force: the person's,
// overrides and kept sites included, merged with an organisation's managed policy) applied to the cookies every other browser and profile on
// this computer already stores, through the native host's `sweep`: a preview (dry run) first,
// then Apply, then each profile's outcome in the host's words. A host whose `hello` does not list
// `sweep` is too old: the page says to update it instead of offering the button.
import { ask, MSG } from './background-client.js';
import { el } from './element.js';
import { askHost } from './native-host.js';

const $ = (id) => document.getElementById(id);
const NOT_INSTALLED = 'The Cookie Warden app is not installed: run "cookiewarden install" to reach your other browsers, or pair this browser with "cookiewarden serve" (Options, App).';

function show(id, text) {
  $(id).textContent = text;
  $(id).hidden = !text;
}

function profileRow(p, dryRun) {
  const where = `${p.profile.browser_name} / ${p.profile.profile_name}`;
  const state = p.skipped ? `skipped: ${p.message || p.skipped}` : p.complete ? (dryRun ? 'would remove' : 'removed') : 'partly done';
  const vendors = p.cookies.top_vendors.map((v) => `${v.vendor} ${v.removed}`).join(', ');
  return el('tr', { 'data-profile': `${p.profile.browser_id}/${p.profile.profile_id}`, 'data-result': p.skipped ?? 'done' },
    el('td', { text: where }),
    el('td', { text: String(p.cookies.removed), 'data-field': 'removed' }),
    el('td', { text: String(p.cookies.kept), 'data-field': 'kept' }),
    el('td', { class: 'small', text: [state, vendors && `top vendors: ${vendors}`].filter(Boolean).join(' — ') }));
}

function showResult(result, dryRun) {
  const removed = result.profiles.reduce((sum, p) => sum + p.cookies.removed, 0);
  show('sweep-summary', dryRun
    ? `${removed} stored cookie${removed === 1 ? '' : 's'} of refused categories would be removed from your other browsers.`
    : `${removed} cookie${removed === 1 ? '' : 's'} removed${result.complete ? '' : '; some profiles were skipped (see below)'}.`);
  document.querySelector('#sweep-profiles tbody').replaceChildren(...result.profiles.map((p) => profileRow(p, dryRun)));
  $('sweep-profiles').hidden = false;
  $('sweep-profiles').dataset.state = dryRun ? 'preview' : 'applied';
}

async function sweep(dryRun) {
  show('sweep-error', '');
  const policy = await ask(MSG.policyInForce);
  const result = await askHost('sweep', { policy, dry_run: dryRun }, (p) => show('sweep-progress', `${p.browser} / ${p.profile}…`));
  show('sweep-progress', '');
  showResult(result, dryRun);
  return result;
}

function guarded(action) {
  return async () => {
    $('sweep-preview').disabled = $('sweep-apply').disabled = true;
    try {
      await action();
    } catch (e) {
      show('sweep-progress', '');
      show('sweep-error', e.code === 'not_installed' ? NOT_INSTALLED : `Not done: ${e.message}`);
    } finally {
      $('sweep-preview').disabled = false;
    }
  };
}

export async function initOtherBrowsers() {
  $('sweep-preview').addEventListener('click', guarded(async () => {
    const result = await sweep(true);
    $('sweep-apply').disabled = result.profiles.every((p) => p.skipped || p.cookies.removed === 0);
  }));
  $('sweep-apply').addEventListener('click', guarded(() => sweep(false)));
  try {
    const hello = await askHost('hello');
    if (!hello.capabilities?.includes('sweep')) {
      show('sweep-unavailable', `Your Cookie Warden app (version ${hello.version}) cannot do this yet: update the native host.`);
      return;
    }
    $('sweep-actions').hidden = false;
  } catch (e) {
    show('sweep-unavailable', e.code === 'not_installed' ? NOT_INSTALLED : `The Cookie Warden app did not answer: ${e.message}`);
  }
}
