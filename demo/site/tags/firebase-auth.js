// Stand-in for the Firebase Auth SDK: keeps its session in IndexedDB, like the real one, not in cookies.
(window.__demoTags ||= []).push('firebase-auth');
window.firebaseAuth = { currentUser: null };
