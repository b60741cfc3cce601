// The categories a person chooses between, in the seed policy's order and wording. Keys are the
// engine's category names (engine/include/warden/category.h); necessary can never be refused.
export const CATEGORIES = Object.freeze([
  { key: 'necessary', label: 'Necessary', blurb: 'Sign-in, cart, security and fraud checks. Always on: the site cannot work without them.' },
  { key: 'functional', label: 'Functional', blurb: 'Preferences, chat, embedded players and app helpers.' },
  { key: 'analytics', label: 'Analytics', blurb: 'Counting visits and measuring how the site is used.' },
  { key: 'social', label: 'Social media', blurb: 'Share buttons and social widgets that can follow you across sites.' },
  { key: 'marketing', label: 'Marketing', blurb: 'Advertising, retargeting and affiliate tracking.' },
]);

// Categories a person can refuse, in the bit order of the pre-built guard policy files
// (policy/p<functional><analytics><social><marketing>.js).
export const CHOOSABLE = Object.freeze(['functional', 'analytics', 'social', 'marketing']);

export function labelOf(key) {
  return CATEGORIES.find((c) => c.key === key)?.label ?? 'Unclassified';
}
