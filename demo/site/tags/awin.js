// Stand-in for the Awin MasterTag: the affiliate click cookie _aw_m_<advertiser> and a tracking pixel.
(window.__demoTags ||= []).push('awin');
document.cookie = '_aw_m_12345=demo-click; path=/; max-age=2592000';
new Image().src = 'https://www.awin1.com/sread.img?tt=ns&tv=2&merchant=12345';
