// The popup's line for the check of the CMP's own record after its banner was answered
// (consent-checks.js): that it matches the choice, what differs, or that it could not be read.
import { labelOf } from './categories.js';

const STORED = Object.freeze({
  accepted: 'accepted',
  partly: 'partly accepted',
  refused: 'refused',
  'not-refused': 'not refused',
});

function differenceText({ category, purpose, choice, stored }) {
  const what = purpose ? `TCF purpose ${purpose}${category ? ` (${labelOf(category).toLowerCase()})` : ''}` : labelOf(category).toLowerCase();
  const yours = choice === 'allow' ? 'you allow it' : 'you refuse it';
  return `${what} ${STORED[stored] ?? stored}, ${yours}`;
}

// '' when there is no check (no answer yet, or a rule that names no record).
export function consentCheckText(check) {
  if (!check) return '';
  if (check.error) return `The site's consent record could not be checked: ${check.error}.`;
  if (!check.mismatches.length) return 'The site\'s consent record matches your choice.';
  return `The site's consent record differs from your choice: ${check.mismatches.map(differenceText).join('; ')}.`;
}
