// Stand-in for Baidu Tongji hm.js: the visit cookies Hm_lvt_/Hm_lpvt_<site id> and a hm.gif beacon.
(window.__demoTags ||= []).push('baidu');
(() => {
  const now = Math.floor(Date.now() / 1000);
  document.cookie = `Hm_lvt_0123456789abcdef=${now}; path=/; max-age=31536000`;
  document.cookie = `Hm_lpvt_0123456789abcdef=${now}; path=/`;
  new Image().src = `https://hm.baidu.com/hm.gif?si=0123456789abcdef&rnd=${now}`;
})();
