// native-host.js: a browser that has no native host for this extension is told apart from a host
// that failed, in each browser's own words, taken from the browsers installed here (Chromium's
// binary, Firefox ESR's NativeMessaging module in omni.ja): then the request goes to a paired
// `cookiewarden serve`, or the person is told to install or pair. Firefox's disconnect carries the
// reason on the port (port.error), Chromium's in runtime.lastError; both are read. The real
// Chromium fallback runs end to end in e2e/serve_pairing; BiDi cannot open Firefox's extension
// pages, so Firefox's is checked here on its real message.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { test } from 'node:test';

import { installChromeFake } from './chrome_fake.mjs';

const chrome = installChromeFake();
const { HOST_NAME, askHost, isHostMissing } = await import('../../extension/js/native-host.js');

const CHROMIUM = '/usr/lib/chromium/chromium';
const FIREFOX_OMNI = '/usr/lib/firefox-esr/omni.ja';

// The messages a browser binary holds, among those it could report to a native port's disconnect.
function chromiumMessages() {
  const binary = fs.readFileSync(CHROMIUM).toString('latin1');
  return ['Specified native messaging host not found.', 'Access to the specified native messaging host is forbidden.',
    'Native host has exited.', 'Error when communicating with the native messaging host.']
    .filter((message) => binary.includes(message));
}

// Firefox's text for a host it cannot start for this add-on, from its own source, filled in.
function firefoxMissingHostMessage() {
  const source = execFileSync('unzip', ['-p', FIREFOX_OMNI, 'modules/NativeMessaging.sys.mjs'], { encoding: 'utf8' });
  const template = source.match(/new ExtensionError\(`(No such native application )\$\{application\}`\)/);
  assert.ok(template, 'Firefox ESR no longer words a missing native host as "No such native application": update HOST_MISSING');
  return `${template[1]}${HOST_NAME}`;
}

// connectNative answers with a port that disconnects at once, as each browser reports it.
function disconnectingNative({ portError, lastError }) {
  chrome.runtime.connectNative = () => {
    const disconnect = [];
    const port = {
      error: portError ? { message: portError } : null,
      onMessage: { addListener() {} },
      onDisconnect: { addListener: (listener) => disconnect.push(listener) },
      postMessage() {
        queueMicrotask(() => {
          chrome.runtime.lastError = lastError ? { message: lastError } : undefined;
          for (const listener of disconnect) listener(port);
          chrome.runtime.lastError = undefined;
        });
      },
      disconnect() {},
    };
    return port;
  };
}

test('Chromium: its "not found" and "forbidden" are a missing host, its exit and pipe errors are not', { skip: !fs.existsSync(CHROMIUM) }, () => {
  const messages = chromiumMessages();
  assert.equal(messages.length, 4, `Chromium's binary holds: ${messages.join(' | ')}`);
  assert.deepEqual(messages.map(isHostMissing), [true, true, false, false]);
});

test('Firefox ESR: its missing-host message is a missing host', { skip: !fs.existsSync(FIREFOX_OMNI) }, () => {
  assert.equal(isHostMissing(firefoxMissingHostMessage()), true);
  assert.equal(isHostMissing('An unexpected error occurred'), false);
});

test('Firefox ESR: the reason on the port, without runtime.lastError, makes the request not_installed with what to do', { skip: !fs.existsSync(FIREFOX_OMNI) }, async () => {
  disconnectingNative({ portError: firefoxMissingHostMessage() });
  await assert.rejects(askHost('hello'), (e) => {
    assert.equal(e.code, 'not_installed');
    assert.match(e.message, /cookiewarden install.*paired with "cookiewarden serve" \(Options, App\)/);
    return true;
  });
});

test('Chromium: the reason in runtime.lastError makes the request not_installed; a host that exited is not', { skip: !fs.existsSync(CHROMIUM) }, async () => {
  disconnectingNative({ lastError: 'Specified native messaging host not found.' });
  await assert.rejects(askHost('hello'), { code: 'not_installed' });
  disconnectingNative({ lastError: 'Native host has exited.' });
  await assert.rejects(askHost('hello'), { code: 'disconnected', message: 'Native host has exited.' });
});

test('a paired install takes a missing host\'s request to serve (a WebSocket to its port, token in the subprotocol)', async () => {
  const opened = [];
  globalThis.WebSocket = class {
    static OPEN = 1;
    constructor(url, protocols) {
      opened.push({ url, protocols });
      this.readyState = 0;
      queueMicrotask(() => this.onclose?.());
    }
    close() {}
  };
  await chrome.storage.local.set({ servePairing: { port: 41234, install: 'abc', token: 'f'.repeat(64) } });
  disconnectingNative({ portError: 'No such native application org.cookiewarden.host' });
  await assert.rejects(askHost('hello'), { code: 'serve_unreachable' });
  assert.deepEqual(opened, [{ url: 'ws://127.0.0.1:41234/ws', protocols: ['cookiewarden', `cookiewarden.token.${'f'.repeat(64)}`] }]);
  await chrome.storage.local.remove('servePairing');
});
