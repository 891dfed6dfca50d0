/**
 * The export's references in the editor: go to definition from a name to the element it names, find every name of
 * an element, and completion of the names a field must take. What is a reference is what the schemas declare
 * (listReferences, candidatesFor); positions come from the parsed document.
 */
import {
  CompletionItemKind,
  type CompletionItem,
  type Location,
  type Position,
  type Range,
} from 'vscode-languageserver';
import type { Pointer } from '../findings.js';
import type { ReferenceDeclaration } from '../generate/reference-table.js';
import { REFERENCE_TABLE } from '../model/reference-table.js';
import {
  candidatesFor,
  ExportIndex,
  listReferences,
  placeOf,
  type NamedElement,
  type Reference,
} from '../model/references.js';
import type { ParsedDocument } from '../parse/parsed-document.js';
import { contains, rangeOf } from './positions.js';

const COLLECTIONS = new Map(REFERENCE_TABLE.collections.map((c) => [c.name, c]));

export class ExportNavigation {
  private references?: Reference[];

  constructor(
    private readonly document: ParsedDocument,
    private readonly uri: string,
  ) {}

  private all(): Reference[] {
    return (this.references ??= listReferences(this.document.data));
  }

  private range(pointer: Pointer): Range {
    return rangeOf(this.document.locate(pointer, false));
  }

  /** Where an element's name is written: its key field holding that name, else the element itself. */
  private nameRange(target: NamedElement): Range {
    const collection = COLLECTIONS.get(target.collection);
    for (const key of collection?.key ?? []) {
      const parts = key.split('.');
      let value: unknown = target.element;
      for (const part of parts)
        value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
      if (value === target.name) return this.range([...target.pointer, ...parts]);
    }
    return this.range(target.pointer);
  }

  private referenceAt(position: Position): Reference | undefined {
    return this.all().find((r) => contains(this.range(r.pointer), position));
  }

  definition(position: Position): Location | null {
    const target = this.referenceAt(position)?.target;
    return target ? { uri: this.uri, range: this.nameRange(target) } : null;
  }

  /** Every name of the element at the position: from one of its names, or from the name field of the element itself. */
  referencesTo(position: Position, includeDeclaration: boolean): Location[] {
    let target = this.referenceAt(position)?.target;
    if (!target) {
      const index = new ExportIndex(this.document.data);
      for (const collection of COLLECTIONS.keys()) {
        target = index.names(collection).find((named) => contains(this.nameRange(named), position));
        if (target) break;
      }
    }
    if (!target) return [];
    const same = (t: NamedElement | undefined) =>
      t !== undefined && t.collection === target!.collection && t.pointer.join('/') === target!.pointer.join('/');
    const locations = this.all()
      .filter((r) => same(r.target))
      .map((r) => ({ uri: this.uri, range: this.range(r.pointer) }));
    return includeDeclaration ? [{ uri: this.uri, range: this.nameRange(target) }, ...locations] : locations;
  }

  /** The names the field at the position may take, when it is a field that names an element (typed or still empty). */
  completion(position: Position): CompletionItem[] {
    const field = this.fieldAt(position);
    if (!field) return [];
    const index = new ExportIndex(this.document.data);
    const seen = new Set<string>();
    const items: CompletionItem[] = [];
    for (const named of candidatesFor(field.declaration, index)) {
      if (seen.has(named.name)) continue;
      seen.add(named.name);
      const item: CompletionItem = {
        label: named.name,
        kind: CompletionItemKind.Reference,
        detail: placeOf(COLLECTIONS.get(named.collection)!),
      };
      if (field.range) item.textEdit = { range: field.range, newText: named.name };
      items.push(item);
    }
    return items;
  }

  /** The reference field on the position's line: its declaration, and the range of the name already there (if any). */
  private fieldAt(position: Position): { declaration: ReferenceDeclaration; range?: Range } | undefined {
    for (const declaration of REFERENCE_TABLE.references) {
      let found: { declaration: ReferenceDeclaration; range?: Range } | undefined;
      walkAll(this.document.data, declaration.path, (value, pointer) => {
        if (found) return;
        const range = this.range(pointer);
        if (typeof value === 'string' && value !== '' && contains(range, position)) found = { declaration, range };
        // An empty field (`SiteCode:` with nothing yet) is null in the data, located at its key's line.
        else if ((value === null || value === '') && range.start.line === position.line) found = { declaration };
      });
      if (found) return found;
    }
    return undefined;
  }
}

/** Every value at a path of keys and `*` (each item of a list), whatever it is, with a copy of its pointer. */
function walkAll(
  data: unknown,
  path: readonly string[],
  visit: (value: unknown, pointer: Pointer) => void,
  pointer: (string | number)[] = [],
): void {
  if (pointer.length === path.length) return visit(data, [...pointer]);
  const part = path[pointer.length]!;
  if (part === '*') {
    if (Array.isArray(data)) data.forEach((item, i) => walkAll(item, path, visit, [...pointer, i]));
  } else if (
    data &&
    typeof data === 'object' &&
    !Array.isArray(data) &&
    Object.prototype.hasOwnProperty.call(data, part)
  ) {
    walkAll((data as Record<string, unknown>)[part], path, visit, [...pointer, part]);
  }
}
