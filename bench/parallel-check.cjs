// How much parallelism the machine gives right now: a fixed CPU-bound loop run once on one thread, then split over
// this thread and a worker thread. Prints the speed-up (2.00 on two idle cores; about 1 when the second core is busy
// with other work). The benchmark prints it beside --jobs 2's speed-up, which cannot beat it.
'use strict';
const { Worker, isMainThread, workerData } = require('node:worker_threads');

function spin(n) {
  let x = 0;
  for (let i = 0; i < n; i++) x = (x + i * 7) % 1000003;
  return x;
}

const N = 1.5e8;
if (isMainThread) {
  let start = process.hrtime.bigint();
  spin(2 * N);
  const one = Number(process.hrtime.bigint() - start);
  start = process.hrtime.bigint();
  const worker = new Worker(__filename, { workerData: N });
  spin(N);
  worker.on('exit', () => {
    const two = Number(process.hrtime.bigint() - start);
    process.stdout.write(`${(one / two).toFixed(2)}\n`);
  });
} else {
  spin(workerData);
}
