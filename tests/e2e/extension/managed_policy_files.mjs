// Where the browsers read an organisation's policy for the extension, written by the managed-policy
// tests as an administrator would (extension/README.md, "Managed policies"):
//   Chromium: /etc/chromium/policies/managed/<file>.json, {"3rdparty": {"extensions": {<id>: policy}}}.
//     Root-only and machine-wide, so the test loads a copy of the package under a key of its own:
//     the policy names an extension id no other test (or browser) on the machine has.
//   Firefox: a managed storage manifest, ~/.mozilla/managed-storage/<gecko id>.json, under the
//     test's own HOME.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// What both browsers' tests set: necessary only by default, marketing allowed on the shop, a kept
// intranet, locked — every key the managed schema declares.
export const ORGANISATION_POLICY = {
  defaults: { functional: 'block', analytics: 'block', social: 'block', marketing: 'block' },
  sites: { 'shop.example': { marketing: 'allow' } },
  unknown_third_party: 'allow',
  keep: ['intranet.example'],
  locked: true,
};

export const CHROMIUM_POLICY_DIR = '/etc/chromium/policies/managed';

// Chromium's extension id: the first 128 bits of the SHA-256 of the public key, in the letters a–p.
function extensionIdOf(publicKeyDer) {
  return createHash('sha256').update(publicKeyDer).digest('hex').slice(0, 32).replace(/[0-9a-f]/g, (h) => String.fromCharCode(97 + parseInt(h, 16)));
}

// A copy of the package with a fresh key: {dir, id, remove}.
export function packageWithOwnId(extensionDir) {
  const dir = mkdtempSync(join(tmpdir(), 'cw-ext-managed-'));
  const pkg = join(dir, 'extension');
  cpSync(extensionDir, pkg, { recursive: true });
  const pem = execFileSync('openssl', ['genrsa', '2048'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const der = execFileSync('openssl', ['rsa', '-pubout', '-outform', 'DER'], { input: pem, stdio: ['pipe', 'pipe', 'ignore'] });
  const manifestPath = join(pkg, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.key = der.toString('base64');
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  return { dir: pkg, id: extensionIdOf(der), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

// Writes the platform policy for extension `id`; returns the function that removes it.
export function writeChromiumPolicy(id, policy) {
  mkdirSync(CHROMIUM_POLICY_DIR, { recursive: true });
  const file = join(CHROMIUM_POLICY_DIR, `cookiewarden-e2e-${id}.json`);
  writeFileSync(file, JSON.stringify({ '3rdparty': { extensions: { [id]: policy } } }, null, 2));
  return () => rmSync(file, { force: true });
}

export function writeFirefoxManagedStorage(home, geckoId, policy) {
  const dir = join(home, '.mozilla', 'managed-storage');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${geckoId}.json`), JSON.stringify({ name: geckoId, description: 'Cookie Warden, set by the organisation', type: 'storage', data: policy }, null, 2));
}
