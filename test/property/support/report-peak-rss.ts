/**
 * Preloaded into a child process (`node --import tsx --import <this> script …`): at exit it
 * writes the process's peak resident memory to stderr, so a test can bound what a script used
 * without wrapping or changing the script.
 */
process.on('exit', () => {
  process.stderr.write(`\npeak-rss-kb ${process.resourceUsage().maxRSS}\n`);
});
