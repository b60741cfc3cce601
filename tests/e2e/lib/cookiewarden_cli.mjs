// Runs the built `cookiewarden` binary. CTest passes its path in COOKIEWARDEN; by hand it
// defaults to the native preset's build.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const COOKIEWARDEN = process.env.COOKIEWARDEN ?? path.join(repoRoot, 'build', 'native', 'native-host', 'cookiewarden');

// {code, stdout, stderr}; `env` should point HOME at a fake home.
export function runCookiewarden(args, env) {
  const result = spawnSync(COOKIEWARDEN, args, { env, encoding: 'utf8', timeout: 60_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
