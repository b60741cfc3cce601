// Stand-in for the Kakao JavaScript SDK (sharing).
(window.__demoTags ||= []).push('kakao-sdk');
window.Kakao = { init: () => {}, Share: { sendDefault: () => {} } };
