// Reads browser SQLite files with the sqlite3 command-line shell (a separate, unmodified SQLite).
import { execFileSync } from 'node:child_process';

// Rows as arrays of strings. `readonly` for a file a running browser has open.
export function sqliteRows(db, sql, { readonly = false } = {}) {
  const args = [...(readonly ? ['-readonly'] : []), '-separator', '\t', db, sql];
  const out = execFileSync('sqlite3', args, { encoding: 'utf8' });
  return out.split('\n').filter((line) => line !== '').map((line) => line.split('\t'));
}

// "ok" when the file is sound, else sqlite's list of problems.
export function integrityCheck(db) {
  return sqliteRows(db, 'PRAGMA integrity_check').map((r) => r[0]).join('\n');
}
