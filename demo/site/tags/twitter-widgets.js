// Stand-in for Twitter/X widgets.js.
(window.__demoTags ||= []).push('twitter-widgets');
window.twttr = { widgets: { load: () => {} } };
