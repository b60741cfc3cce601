// A neutral letter to the authority the person chose, built from a site's record (site-record.js):
// it states what was recorded and asks the authority to examine it; it accuses no one. Plain text,
// which the person edits before sending.
import { labelOf } from './categories.js';

const purposes = (ids, how) => (ids.length ? `TCF purposes ${ids.join(', ')} ${how}` : `no TCF purpose ${how}`);
const day = (iso) => iso.slice(0, 10);

function violationParagraph(record) {
  const violations = record.attempts.filter((a) => a.violation);
  if (!violations.length) return null;
  const cmps = [...new Set(violations.map((a) => a.cmpRecord))].map((i) => record.cmpRecords[i]);
  const recorded = cmps.map((c) => `the consent platform (IAB TCF CMP ${c.cmpId ?? 'of unknown id'}) reported the TC string ${c.tcString}, ` +
    `with ${purposes(c.purposeConsents, 'consented')} and ${purposes(c.purposeLegitimateInterests, 'under legitimate interest')}`).join('; ');
  const names = [...new Set(violations.map((a) => (a.kind === 'cookie' ? `the cookie ${a.name}` : a.url)))].join(', ');
  return `In ${violations.length} of these attempts the site's own consent record said the purposes concerned were refused: ${recorded}. ` +
    `The site nevertheless tried to use ${names}.`;
}

export function complaintLetter(record, authority, today = new Date().toISOString()) {
  const { attempts } = record;
  const evidence = violationParagraph(record);
  const categories = [...new Set(attempts.map((a) => labelOf(a.category).toLowerCase()))].join(', ');
  const [first, last] = [attempts[0], attempts.at(-1)].map((a) => a && day(a.at));
  const span = !first ? 'In the period covered' : first === last ? `On ${first}` : `Between ${first} and ${last}`;
  return [
    `To: ${authority?.name ?? '[authority]'}`,
    `Date: ${day(today)}`,
    `Subject: Use of cookies and trackers on ${record.site} after consent was refused`,
    '',
    'Dear Sir or Madam,',
    '',
    `I am writing about how the web site ${record.site} handled my consent choices.`,
    '',
    `${span} (UTC), the browser extension ${record.extension.name} ${record.extension.version}, running in ${record.browser.name} ${record.browser.version}, ` +
      `stopped ${attempts.length} attempt${attempts.length === 1 ? '' : 's'} by pages of ${record.site} to store cookies or load resources in categories I had refused${categories ? ` (${categories})` : ''}.`,
    ...(evidence ? ['', evidence] : []),
    '',
    'The enclosed record lists each attempt with its time, the page it came from, its category and vendor, and what the site\'s consent platform reported.',
    '',
    'I ask you to examine whether this processing complies with the rules that apply, and to let me know what follows from it.',
    '',
    'Yours faithfully,',
    '',
    '[your name and contact details]',
  ].join('\n');
}
