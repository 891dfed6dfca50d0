/** The places in parsed data that fuzz tests edit: each property and each list item. */
export type Slot = { parent: Record<string, unknown> | unknown[]; key: string | number };

/** Every property and list item of `data`, outermost first (breadth-first, in key order). */
export function slots(data: unknown): Slot[] {
  const result: Slot[] = [];
  const queue: unknown[] = [data];
  while (queue.length) {
    const node = queue.shift();
    if (Array.isArray(node)) {
      node.forEach((item, index) => {
        result.push({ parent: node, key: index });
        queue.push(item);
      });
    } else if (node && typeof node === 'object') {
      for (const key of Object.keys(node)) {
        result.push({ parent: node as Record<string, unknown>, key });
        queue.push((node as Record<string, unknown>)[key]);
      }
    }
  }
  return result;
}
