// Preloaded by `npm run bench` into the command line it measures (node --import ./scripts/bench-rss.mjs):
// reports the process's peak resident memory on standard error as it exits, so that the CLI is
// measured exactly as it ships. Prints one line: {"benchMaxRssKb":N}.
import { writeSync } from 'node:fs';

process.on('exit', () => {
  try {
    writeSync(2, `\n${JSON.stringify({ benchMaxRssKb: process.resourceUsage().maxRSS })}\n`);
  } catch {
    // standard error closed: nothing to report to
  }
});
