// The engine's category for a name a site gave one of its CMP's categories or purposes (klaro's
// purposes, vanilla-cookieconsent's categories): sites name them freely, so the usual English
// names are read as ours. A name not listed here is no category of ours and is not compared.
const NAMES = Object.freeze({
  necessary: 'necessary', essential: 'necessary', required: 'necessary', strictly_necessary: 'necessary',
  functional: 'functional', functionality: 'functional', preferences: 'functional', personalization: 'functional',
  analytics: 'analytics', analytical: 'analytics', statistics: 'analytics', performance: 'analytics', measurement: 'analytics',
  social: 'social', social_media: 'social',
  marketing: 'marketing', advertising: 'marketing', ads: 'marketing', targeting: 'marketing',
});

export function categoryOfName(name) {
  if (typeof name !== 'string') return null;
  return NAMES[name.trim().toLowerCase().replace(/[\s-]+/g, '_')] ?? null;
}
