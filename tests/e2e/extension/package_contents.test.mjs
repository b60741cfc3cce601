// The packaged extension carries each filter list once, compiled (engine.bin, rulesets/), and the
// attribution CC BY-SA 3.0 asks for instead of the raw text (engine/rules/LICENSES.md).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

const root = new URL('../../../', import.meta.url).pathname;
const packageDir = process.env.WARDEN_EXTENSION_DIR;
const LISTS = [
  { file: 'easylist.txt', url: 'https://easylist.to/easylist/easylist.txt' },
  { file: 'easyprivacy.txt', url: 'https://easylist.to/easylist/easyprivacy.txt' },
];

const digest = (bytes) => createHash('sha256').update(bytes).digest('hex');
const filesUnder = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile()).map((e) => join(e.parentPath ?? e.path, e.name));

test('no file of the package is a raw filter list', () => {
  const listDigests = new Map(LISTS.map(({ file }) => [digest(readFileSync(join(root, 'engine/rules/lists', file))), file]));
  const copies = filesUnder(packageDir).filter((f) => listDigests.has(digest(readFileSync(f))));
  assert.deepEqual(copies.map((f) => relative(packageDir, f)), []);
});

test('the package names each compiled list, its source and version, and CC BY-SA 3.0', () => {
  const note = readFileSync(join(packageDir, 'lists/LICENSES.md'), 'utf8');
  assert.match(note, /https:\/\/creativecommons\.org\/licenses\/by-sa\/3\.0\//);
  for (const { file, url } of LISTS) {
    const version = /^! Version: (\d+)/m.exec(readFileSync(join(root, 'engine/rules/lists', file), 'utf8'))[1];
    assert.ok(note.includes(`${url}, Version ${version}`), `${file}: LICENSES.md names ${url} and version ${version}`);
  }
});
