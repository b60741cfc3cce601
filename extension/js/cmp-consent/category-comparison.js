// A CMP's record per category (accepted, refused, partly, not-refused) against the person's
// choice for the site ({category: 'allow'|'block'}): a refused category must be refused, an
// allowed one accepted. Categories the record does not cover, and those the choice does not name,
// are not compared.
export function categoryMismatches(categories, choice) {
  const mismatches = [];
  for (const [category, stored] of Object.entries(categories)) {
    const wanted = choice?.[category];
    if (wanted === 'block' && stored !== 'refused') mismatches.push({ category, choice: wanted, stored });
    if (wanted === 'allow' && (stored === 'refused' || stored === 'partly')) mismatches.push({ category, choice: wanted, stored });
  }
  return mismatches;
}
