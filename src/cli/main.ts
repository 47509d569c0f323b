import { isMainThread, workerData } from 'node:worker_threads';
import { REPORT_WORKER, serveReportScans } from './reportPool';
import { runCli } from './run';

if (!isMainThread && workerData === REPORT_WORKER) {
  // This bundle started again as one of report's scan workers (reportPool.ts).
  serveReportScans();
} else {
  runCli(process.argv.slice(2), {
    stdout: (s) => process.stdout.write(s),
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
