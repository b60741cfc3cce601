// Which IAB TCF v2 purposes each of our categories stands for: the one mapping used by the
// consent-violation record (violations.js) and by anything that answers or checks a TCF CMP.
// Purposes (TCF v2.2 policy): 1 store and/or access information on a device; 2 limited data to
// select advertising; 3 advertising profiles; 4 use profiles to select personalised advertising;
// 5 content profiles; 6 use profiles to select personalised content; 7 measure advertising
// performance; 8 measure content performance; 9 understand audiences (statistics); 10 develop and
// improve services; 11 limited data to select content. Social media has no TCF purpose of its own,
// and necessary needs no consent.
export const TCF_PURPOSES = Object.freeze({
  functional: Object.freeze([5, 6, 11]),
  analytics: Object.freeze([8, 9, 10]),
  marketing: Object.freeze([2, 3, 4, 7]),
});

// Purpose 1 (storage and access) is consented only when some non-necessary category is allowed.
export const STORAGE_PURPOSE = 1;

export function purposesOf(category) {
  return TCF_PURPOSES[category] ?? [];
}

// The purposes a choice ({category: 'allow'|'block'}) consents to, ascending.
export function purposesAllowedBy(choice) {
  const allowed = Object.keys(TCF_PURPOSES).filter((c) => choice[c] === 'allow').flatMap(purposesOf);
  return allowed.length ? [STORAGE_PURPOSE, ...allowed].sort((a, b) => a - b) : [];
}
