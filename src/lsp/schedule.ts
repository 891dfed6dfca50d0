/**
 * When to lint a changed document. A change after a quiet spell is linted at once (the next turn of the event loop,
 * after the edits already received), so a single edit shows its result without waiting; changes that keep coming
 * while typing are gathered and linted at most once per interval, the last one always.
 */
export class LintScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout | NodeJS.Immediate>();
  private readonly lastRun = new Map<string, number>();

  constructor(
    private readonly run: (uri: string) => void,
    private readonly intervalMs = 250,
  ) {}

  changed(uri: string): void {
    if (this.timers.has(uri)) return; // a lint is already due and will read the latest text
    const since = performance.now() - (this.lastRun.get(uri) ?? -Infinity);
    const fire = () => {
      this.timers.delete(uri);
      this.lastRun.set(uri, performance.now());
      this.run(uri);
    };
    this.timers.set(uri, since >= this.intervalMs ? setImmediate(fire) : setTimeout(fire, this.intervalMs - since));
  }

  forget(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) {
      clearTimeout(timer as NodeJS.Timeout);
      clearImmediate(timer as NodeJS.Immediate);
    }
    this.timers.delete(uri);
    this.lastRun.delete(uri);
  }
}
