// extension/js/request-context.js: the top-level and frame URL of a request from either browser's
// webRequest details (Firefox lists frame ancestors; Chromium only gives the initiator origin, so
// the tab's top-level URL is remembered from its main_frame request).
import assert from 'node:assert/strict';
import { test } from 'node:test';

const ctx = await import('../../extension/js/request-context.js');

test('Chromium: a subresource takes its tab\'s last top-level URL', () => {
  ctx.noteNavigation({ type: 'main_frame', tabId: 7, url: 'https://www.shop.example/cart' });
  const details = { type: 'script', tabId: 7, frameId: 3, url: 'https://t.example/x.js', initiator: 'https://embed.example' };
  assert.equal(ctx.topUrlOf(details), 'https://www.shop.example/cart');
  assert.equal(ctx.frameUrlOf(details), 'https://embed.example');
  ctx.noteNavigation({ type: 'main_frame', tabId: 7, url: 'https://www.news.example/' });
  assert.equal(ctx.topUrlOf(details), 'https://www.news.example/');
  ctx.forgetTab(7);
  assert.equal(ctx.topUrlOf(details), 'https://embed.example', 'unknown tab: the initiator is the best guess');
});

test('Firefox: the outermost frame ancestor is the top level; the top frame\'s document otherwise', () => {
  const inFrame = { type: 'image', tabId: 2, frameId: 9, url: 'https://px.example/p.gif', documentUrl: 'https://embed.example/w',
    frameAncestors: [{ url: 'https://mid.example/', frameId: 4 }, { url: 'https://www.shop.example/', frameId: 0 }] };
  assert.equal(ctx.topUrlOf(inFrame), 'https://www.shop.example/');
  assert.equal(ctx.frameUrlOf(inFrame), 'https://embed.example/w');
  const inTop = { type: 'script', tabId: 2, frameId: 0, url: 'https://t.example/x.js', documentUrl: 'https://www.shop.example/', frameAncestors: [] };
  assert.equal(ctx.topUrlOf(inTop), 'https://www.shop.example/');
});

test('a top-level navigation is its own top', () => {
  assert.equal(ctx.topUrlOf({ type: 'main_frame', tabId: 1, url: 'https://a.example/' }), 'https://a.example/');
});
