// Stand-in for the Meta (Facebook) pixel: the first-party browser id _fbp and a PageView pixel.
(window.__demoTags ||= []).push('facebook-pixel');
(() => {
  const domain = location.hostname.split('.').slice(-2).join('.');
  document.cookie = `_fbp=fb.1.${Date.now()}.${Math.floor(Math.random() * 1e9)}; domain=${domain}; path=/; max-age=7776000`;
  new Image().src = 'https://www.facebook.com/tr?id=1234567890&ev=PageView&noscript=1';
})();
