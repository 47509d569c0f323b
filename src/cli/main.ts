import * as fs from 'node:fs';
import { isMainThread, workerData } from 'node:worker_threads';
import { REPORT_WORKER, serveReportScans } from './reportPool';
import { runCli } from './run';

if (!isMainThread && workerData === REPORT_WORKER) {
  // This bundle started again as one of report's scan workers (reportPool.ts).
  serveReportScans();
} else {
  runCli(process.argv.slice(2), {
    stdout: stdoutWriter(),
    stderr: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    // Only the bundle can start itself as a worker; run from source, report scans in this thread.
    ...(__filename.endsWith('.js') ? { workerScript: __filename } : {}),
  }).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      // Only a bug gets here: every expected failure is a message and an exit code.
      process.stderr.write(`platform-guide: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
      process.exitCode = 2;
    },
  );
}

/**
 * Output redirected to a file (`check --format sarif > out.sarif`) is written to it directly: the
 * stream's machinery cost a visible share of writing a report of tens of megabytes. A pipe or a
 * terminal keeps process.stdout, which waits for a slow reader.
 */
function stdoutWriter(): (s: string) => void {
  let file = false;
  try {
    file = fs.fstatSync(1).isFile();
  } catch {
    file = false;
  }
  if (!file) return (s) => void process.stdout.write(s);
  return (s) => {
    // A file takes the whole string at once; only a short write (a full disk, a signal) goes on in bytes.
    const written = fs.writeSync(1, s);
    if (written >= Buffer.byteLength(s, 'utf8')) return;
    for (let rest = Buffer.from(s, 'utf8').subarray(written); rest.length > 0; ) rest = rest.subarray(fs.writeSync(1, rest));
  };
}
