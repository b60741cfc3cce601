// The third-party tags the demo pages embed, under their vendors' real host names, and the category
// each vendor has in the seed policy (shared/notes/category-data.md). Tests read `category` to know
// which requests must reach the server under a policy and which must not.
export const TAGS = [
  // Necessary: the site cannot work without them.
  { id: 'recaptcha', vendor: 'reCAPTCHA', category: 'necessary', url: 'https://www.google.com/recaptcha/api.js', file: 'recaptcha.js' },
  { id: 'hcaptcha', vendor: 'hCaptcha', category: 'necessary', url: 'https://js.hcaptcha.com/1/api.js', file: 'hcaptcha.js' },
  { id: 'turnstile', vendor: 'Cloudflare', category: 'necessary', url: 'https://challenges.cloudflare.com/turnstile/v0/api.js', file: 'turnstile.js' },
  { id: 'firebase-auth', vendor: 'Firebase', category: 'necessary', url: 'https://www.gstatic.com/firebasejs/10.12.0/firebase-auth.js', file: 'firebase-auth.js' },
  // Analytics.
  { id: 'gtag', vendor: 'Google Analytics', category: 'analytics', url: 'https://www.googletagmanager.com/gtag/js?id=G-DEMO123', file: 'gtag.js' },
  // Social media.
  { id: 'twitter-widgets', vendor: 'Twitter sharing', category: 'social', url: 'https://platform.twitter.com/widgets.js', file: 'twitter-widgets.js' },
  { id: 'kakao-sdk', vendor: 'Kakao sharing', category: 'social', url: 'https://t1.kakaocdn.net/kakao_js_sdk/2.7.2/kakao.min.js', file: 'kakao.js' },
  { id: 'facebook-sdk', vendor: 'Facebook sharing', category: 'social', url: 'https://connect.facebook.net/en_US/sdk.js', file: 'facebook-sdk.js' },
  // Marketing.
  { id: 'facebook-pixel', vendor: 'Facebook Ads', category: 'marketing', url: 'https://connect.facebook.net/en_US/fbevents.js', file: 'fbevents.js' },
  { id: 'google-ads', vendor: 'Google Ads', category: 'marketing', url: 'https://www.googleadservices.com/pagead/conversion_async.js', file: 'google-ads.js' },
  { id: 'awin', vendor: 'Awin', category: 'marketing', url: 'https://www.dwin1.com/12345.js', file: 'awin.js' },
  { id: 'baidu', vendor: 'Baidu Ads', category: 'marketing', url: 'https://hm.baidu.com/hm.js?0123456789abcdef', file: 'baidu.js' },
];

// Requests the tags make once they run (beacons, pixels), with the category of the vendor.
export const BEACONS = [
  { host: 'www.google-analytics.com', path: '/g/collect', category: 'analytics', vendor: 'Google Analytics' },
  { host: 'www.facebook.com', path: '/tr', category: 'marketing', vendor: 'Facebook Ads' },
  { host: 'hm.baidu.com', path: '/hm.gif', category: 'marketing', vendor: 'Baidu Ads' },
  { host: 'www.awin1.com', path: '/sread.img', category: 'marketing', vendor: 'Awin' },
];

// The shop's own cookies, written the three ways a page can: they must keep working under any policy.
export const SITE_COOKIES = ['shop_session', 'cart_id', '__cf_bm'];

// Tracker cookies the demo writes first-party, by category, and how: every one of them must be
// missing from the jar and from document.cookie when its category is refused.
export const TRACKER_COOKIES = [
  { name: '_ga', category: 'analytics', how: 'document.cookie (gtag.js)' },
  { name: '_ga_DEMO123', category: 'analytics', how: 'cookieStore.set (gtag.js)' },
  { name: '_gid', category: 'analytics', how: 'document.cookie in a same-origin about:blank iframe (self-hosted bundle)' },
  { name: '_fbp', category: 'marketing', how: 'document.cookie (fbevents.js and self-hosted bundle)' },
  { name: '_gcl_au', category: 'marketing', how: 'Set-Cookie from the shop\'s own /collect endpoint' },
  { name: 'Hm_lvt_0123456789abcdef', category: 'marketing', how: 'cookieStore.set (self-hosted bundle)' },
];
