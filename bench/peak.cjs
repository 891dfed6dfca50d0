// Preloaded (node --require) into every process the benchmark times, cmlint's and the baselines' alike: at exit it
// appends the process's own CPU time (all threads) and peak resident memory to the file CMLINT_BENCH_OUT names.
'use strict';
const out = process.env.CMLINT_BENCH_OUT;
// cmlint's lint workers (--jobs) are threads of the same process: the main thread's figures already count them.
if (out && !process.argv.includes('--cmlint-lint-worker')) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    const cpu = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
    require('node:fs').appendFileSync(out, `${cpu} ${usage.maxRSS * 1024}\n`);
  });
}
