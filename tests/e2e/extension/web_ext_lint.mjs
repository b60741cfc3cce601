// `web-ext lint` on the packaged extension: exits 1 when the linter reports any error, and prints
// every message so warnings stay visible.
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: web_ext_lint.mjs PACKAGE_DIR');
  process.exit(2);
}
const webExt = fileURLToPath(new URL('../../../node_modules/web-ext/bin/web-ext.js', import.meta.url));
execFile(process.execPath, [webExt, 'lint', '--source-dir', dir, '--output', 'json', '--no-input'], { maxBuffer: 64 << 20 }, (error, stdout) => {
  let report;
  try {
    report = JSON.parse(stdout);
  } catch {
    console.error(`web-ext lint gave no JSON report: ${error?.message ?? stdout}`);
    process.exit(1);
  }
  for (const kind of ['errors', 'warnings', 'notices']) {
    for (const m of report[kind]) console.log(`${kind.slice(0, -1)} ${m.code} ${m.file ?? ''}: ${m.message}`);
  }
  console.log(`web-ext lint: ${report.summary.errors} errors, ${report.summary.warnings} warnings, ${report.summary.notices} notices`);
  process.exit(report.summary.errors === 0 ? 0 : 1);
});
