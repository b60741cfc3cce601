// Real GNOME Web (epiphany-browser, WebKitGTK) in a private HOME: its own Xvfb display and D-Bus
// session bus, sites reached through an HTTP proxy (the test server). WebDriver sessions
// (--automation-mode) are ephemeral and keep nothing, so pages are opened as command-line URLs and
// report what they see to the test server; a second `epiphany URL` opens a tab in the running one
// (GApplication over the session bus), and the app's `quit` action closes it as a person would.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const EPIPHANY = '/usr/bin/epiphany';

function waitForExit(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  return new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
}

// Reads the first line a child writes on `stream`.
function firstLine(stream) {
  return new Promise((resolve, reject) => {
    let text = '';
    stream.on('data', (chunk) => {
      text += chunk;
      if (text.includes('\n')) resolve(text.split('\n')[0].trim());
    });
    stream.once('end', () => reject(new Error(`stream ended before a line (got '${text}')`)));
  });
}

// Settings GNOME Web reads through GSettings' keyfile backend (no dconf service needed): never
// restore the last session, so a relaunch opens only the URLs it is given and no earlier /write
// page writes again.
function writeSettings(home) {
  const dir = path.join(home, '.config', 'glib-2.0', 'settings');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'keyfile'), "[org/gnome/epiphany]\nrestore-session-policy='never'\n");
}

// Process ids whose environment has HOME=home: what GNOME Web, WebKit's helper processes and the
// portals activated on the test's bus leave running for a moment after the bus and display close.
function processesOf(home) {
  const pids = [];
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(`HOME=${home}`)) pids.push(pid);
    } catch {
      // gone meanwhile, or another user's
    }
  }
  return pids;
}

// {env, stop()}: an X display and a session bus for GNOME Web runs in `home`.
export async function startDesktop(home, proxyPort) {
  writeSettings(home);
  const xvfb = spawn('Xvfb', ['-displayfd', '3', '-nolisten', 'tcp', '-screen', '0', '1280x1024x24'],
    { stdio: ['ignore', 'ignore', 'ignore', 'pipe'] });
  const display = await firstLine(xvfb.stdio[3]);
  const bus = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const address = await firstLine(bus.stdout);
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    DISPLAY: `:${display}`,
    DBUS_SESSION_BUS_ADDRESS: address,
    GSETTINGS_BACKEND: 'keyfile',
    NO_AT_BRIDGE: '1',
    http_proxy: `http://127.0.0.1:${proxyPort}`,
    // Tests only: bubblewrap cannot build WebKit's sandbox in this container.
    WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS: '1',
  };
  return {
    env,
    async stop() {
      // The bus first: the portals GNOME Web activated on it exit with it.
      for (const child of [bus, xvfb]) {
        child.kill('SIGTERM');
        await waitForExit(child);
      }
      // They end on their own once their bus and display are gone; the home is removed after.
      await waitFor(`the processes of ${home} to end`, () => processesOf(home).length === 0);
    },
  };
}

// Starts GNOME Web on `url`, or asks the running one to open it in a new tab.
export function openInGnomeWeb(desktop, url) {
  const child = spawn(EPIPHANY, [url], { env: desktop.env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  return { child, exited: waitForExit(child), stderr: () => stderr };
}

// Activates GNOME Web's `quit` action, as its menu's Quit does, and waits for the first instance
// (and with it WebKit's network process, its child) to exit.
export async function quitGnomeWeb(desktop, instance) {
  const call = spawnSync('gdbus', ['call', '--session', '--dest', 'org.gnome.Epiphany', '--object-path',
    '/org/gnome/Epiphany', '--method', 'org.gtk.Actions.Activate', 'quit', '[]', '{}'],
  { env: desktop.env, encoding: 'utf8', timeout: 30_000 });
  if (call.status !== 0) throw new Error(`gdbus quit failed: ${call.stderr}`);
  return instance.exited;
}

// Polls `check` until it returns a truthy value (an upper bound, not a timing assertion: a
// browser that never reports fails the test with `what`).
export async function waitFor(what, check, { tries = 240, everyMs = 250 } = {}) {
  for (let i = 0; i < tries; ++i) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`gave up waiting for ${what}`);
}
