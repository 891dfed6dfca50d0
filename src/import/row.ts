/**
 * One instance of an SMS Provider class as a dump holds it, with property names matched case-insensitively (sources
 * differ in case: `SqlServerName` and `SQLServerName`). Embedded site-control properties (`Props`, rows of
 * `PropertyName` with `Value`, `Value1`, `Value2`) are read by name the same way.
 */
export class Row {
  private readonly byName = new Map<string, unknown>();

  /**
   * @param className the class the row belongs to (for sources and warnings)
   * @param data the object as the dump holds it
   */
  constructor(
    readonly className: string,
    data: Record<string, unknown>,
  ) {
    for (const [key, value] of Object.entries(data)) this.byName.set(key.toLowerCase(), value);
    // A CIM instance converted by ConvertTo-Json as it is keeps its values in CimInstanceProperties as well.
    const cim = this.byName.get('ciminstanceproperties');
    if (Array.isArray(cim)) {
      for (const property of cim) {
        if (isRecord(property) && typeof property.Name === 'string' && !this.byName.has(property.Name.toLowerCase())) {
          this.byName.set(property.Name.toLowerCase(), property.Value);
        }
      }
    }
  }

  /** The raw value of a property, undefined when absent. */
  get(name: string): unknown {
    return this.byName.get(name.toLowerCase());
  }

  has(name: string): boolean {
    return this.byName.has(name.toLowerCase());
  }

  /** The rows of an embedded array property (Props, AgentConfigurations), as rows of the given class name. */
  embedded(name: string, className: string): Row[] | undefined {
    const value = this.get(name);
    if (value === undefined || value === null) return undefined;
    const list = Array.isArray(value) ? value : [value];
    return list.filter(isRecord).map((item) => new Row(className, item));
  }

  /** The embedded site-control property `Props:<name>`, undefined when the row has none of that name. */
  prop(name: string): Row | undefined {
    const wanted = name.toLowerCase();
    return this.embedded('Props', `${this.className}.Props`)?.find(
      (p) => String(p.get('PropertyName') ?? '').toLowerCase() === wanted,
    );
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Server name from a `\\server` network path or a NAL path (`["Display=\\server\"]MSWNET:...`). */
export function serverFromPath(path: unknown): string | undefined {
  if (typeof path !== 'string') return undefined;
  const match = /\\\\([^\\"\]\s]+)/.exec(path);
  return match?.[1];
}
