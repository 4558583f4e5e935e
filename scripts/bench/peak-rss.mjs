// Preloaded (`node --import`) into an importer run by `npm run bench:import`: on exit, prints the process's peak
// resident memory (kilobytes, from getrusage) on a tagged stderr line the benchmark reads back.
process.on('exit', () => {
  process.stderr.write(`\n@@peak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
