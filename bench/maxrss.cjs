// Preloaded into a benchmarked process: reports its peak resident memory when it exits.
process.on('exit', () => {
  process.stderr.write(`\nmaxrss-kb=${process.resourceUsage().maxRSS}\n`);
});
