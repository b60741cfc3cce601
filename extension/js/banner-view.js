// The popup's cookie-banner panel: how the tab's banner was answered (the outcome banner-answers.js
// checked), the site's "Don't answer cookie banners here", and "Report a banner that was not
// handled", a JSON file the person saves (nothing is sent anywhere).
import { ask, MSG } from './background-client.js';
import { CHOOSABLE, labelOf } from './categories.js';
import { consentCheckText } from './consent-check-view.js';
import { downloadJson } from './download-json.js';

function choiceText(allowed) {
  if (!allowed.length) return 'necessary only';
  if (allowed.length === CHOOSABLE.length) return 'everything allowed';
  return `${allowed.map((c) => labelOf(c).toLowerCase()).join(', ')} allowed`;
}

// The panel's line for an outcome (null: the page reported none yet).
export function bannerLineText(outcome) {
  if (!outcome) return 'Cookie banner: nothing reported for this page yet.';
  switch (outcome.outcome) {
    case 'none':
      return 'Cookie banner: none found on this page.';
    case 'off':
      return `Cookie banner: not answered (${outcome.name}): you switched banner answers off on this site.`;
    case 'gave-up':
      return `Cookie banner: gave up (${outcome.name}): ${outcome.reason}`;
    default: {
      if (!outcome.allOrNothing) return `Cookie banner: answered (${outcome.name}, ${choiceText(outcome.allowed)}) in ${outcome.ms} ms`;
      return `Cookie banner: answered (${outcome.name}, declined) in ${outcome.ms} ms. This banner only knows all or nothing: `
        + `you allow ${choiceText(outcome.allowed).replace(/ allowed$/, '')} here, not everything, so it was declined.`;
    }
  }
}

// What "Report a banner that was not handled" saves: the site, never the page's full address.
export function bannerReport({ site, outcome, off, browser, version, now = new Date() }) {
  return {
    kind: 'cookiewarden-banner-report', version: 1, site, at: now.toISOString(), browser, extension: version,
    answersOff: off, rulesChecked: outcome?.rulesChecked ?? [], outcome: outcome ?? null,
  };
}

export async function showBanner(box, { site, report, browser }) {
  box.hidden = !site;
  if (!site) return;
  const outcome = report?.site === site ? report.banner ?? null : null;
  box.querySelector('#banner-line').textContent = bannerLineText(outcome);
  const check = box.querySelector('#banner-check');
  check.textContent = consentCheckText(outcome?.check);
  check.classList.toggle('mismatch', Boolean(outcome?.check?.mismatches?.length || outcome?.check?.error));
  const off = box.querySelector('#banner-off');
  off.checked = (await ask(MSG.bannerOff, { site })).off;
  off.onchange = async () => {
    try {
      await ask(MSG.setBannerOff, { site, off: off.checked });
    } catch (e) {
      off.checked = !off.checked;
      box.querySelector('#banner-note').textContent = e.message;
    }
  };
  box.querySelector('#banner-report').onclick = () => {
    const version = chrome.runtime.getManifest().version;
    downloadJson(`cookiewarden-banner-${site}.json`, bannerReport({ site, outcome, off: off.checked, browser, version }));
    box.querySelector('#banner-note').textContent = 'Saved as a file: nothing was sent. Attach it to a report to the Cookie Warden project.';
  };
}
