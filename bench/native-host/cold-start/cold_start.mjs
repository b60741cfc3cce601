// Native host cold start: spawn `cookiewarden` the way a browser does (origin on argv, a fake
// HOME where it is installed), send `hello`, time until the whole reply frame is read. Repeated
// N times; prints min / median / p90. `cat` (echoes the request frame back) is measured the
// same way as the floor of spawning any process from node on this machine. Asserts nothing.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [binary, runsArg] = process.argv.slice(2);
const RUNS = Number(runsArg ?? 50);
const root = fileURLToPath(new URL('../../..', import.meta.url));
const origin = JSON.parse(readFileSync(join(root, 'extension', 'ids.json'), 'utf8')).chromium_origin;

function frame(message) {
  const body = Buffer.from(JSON.stringify(message));
  const header = Buffer.alloc(4);
  header.writeUInt32LE(body.length);
  return Buffer.concat([header, body]);
}

// Resolves with milliseconds from spawn to the first complete reply frame.
function timeFirstReply(command, args, env) {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'ignore'] });
    let got = Buffer.alloc(0);
    child.stdout.on('data', (chunk) => {
      got = Buffer.concat([got, chunk]);
      if (got.length >= 4 && got.length >= 4 + got.readUInt32LE(0)) {
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        const reply = JSON.parse(got.subarray(4, 4 + got.readUInt32LE(0)));
        child.stdin.end();
        child.once('exit', () => resolve({ ms, reply }));
      }
    });
    child.once('error', reject);
    child.stdin.write(frame({ id: 1, cmd: 'hello' }));
  });
}

async function measure(label, command, args, env, check) {
  await timeFirstReply(command, args, env);  // warm the page cache once
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const { ms, reply } = await timeFirstReply(command, args, env);
    check(reply);
    times.push(ms);
  }
  times.sort((a, b) => a - b);
  const at = (q) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  const stats = { runs: RUNS, min_ms: times[0], median_ms: at(0.5), p90_ms: at(0.9) };
  console.log(`${label.padEnd(34)} min ${stats.min_ms.toFixed(2)} ms  median ${stats.median_ms.toFixed(2)} ms  p90 ${stats.p90_ms.toFixed(2)} ms  (${RUNS} runs)`);
  return stats;
}

const work = mkdtempSync(join(tmpdir(), 'cw-coldstart-'));
try {
  const env = { PATH: '/usr/bin:/bin', HOME: work };
  execFileSync(binary, ['install', '--user-data-dir', join(work, 'udd')], { env, stdio: 'ignore' });
  const host = await measure('cookiewarden hello (cold start)', binary, [origin], env, (reply) => {
    if (reply.result?.name !== 'cookiewarden') throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
  });
  const floor = await measure('cat echo (spawn floor)', '/bin/cat', [], env, () => {});
  console.log(JSON.stringify({ bench: 'native_host_cold_start', host, spawn_floor: floor }));
} finally {
  rmSync(work, { recursive: true, force: true });
}
