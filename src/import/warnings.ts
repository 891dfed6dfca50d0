/** What the import could not read or did not understand, in the order met (the order is deterministic). */
export class Warnings {
  readonly list: string[] = [];
  private readonly seen = new Set<string>();

  add(message: string): void {
    if (this.seen.has(message)) return;
    this.seen.add(message);
    this.list.push(message);
  }
}
