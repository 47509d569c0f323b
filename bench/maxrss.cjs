// Preloaded into a benchmarked process: reports its peak resident memory and the CPU time it used
// (user + system) when it exits. On a shared machine CPU time varies less than wall time.
process.on('exit', () => {
  const u = process.resourceUsage();
  process.stderr.write(`\nmaxrss-kb=${u.maxRSS} cpu-us=${u.userCPUTime + u.systemCPUTime}\n`);
});
