/**
 * The export's references: fields that name another element of the export (a site code, a CMG's service name, a
 * certificate's Id...). Which fields they are, what they name and how names match is declared once, in the schemas
 * (x-cmlint-ref and x-cmlint-collection, generated into reference-table.ts); this module resolves them in a parsed
 * export. listReferences serves anything that needs every link (an editor's go-to-definition and completion);
 * danglingReferences gives the CML012 findings, each at the misspelt value with the closest existing name.
 */
import { closest, distance } from 'fastest-levenshtein';
import type { Pointer, RawFinding } from '../findings.js';
import type { CollectionDeclaration, ReferenceDeclaration } from '../generate/reference-table.js';
import { REFERENCE_TABLE } from './reference-table.js';

export const DANGLING_REFERENCE = 'CML012';

/** One item of a collection that can be named. */
export interface NamedElement {
  collection: string;
  pointer: Pointer;
  /** The item as the export holds it. */
  element: Record<string, unknown>;
  /** The name it was found by, as the export writes it. */
  name: string;
}

export interface Reference {
  /** Where the name is (the value of the field, or the list item). */
  pointer: Pointer;
  /** The name as written. */
  name: string;
  declaration: ReferenceDeclaration;
  /** What it names; absent when it names nothing in the export. */
  target?: NamedElement;
}

/** People's words for each collection, for messages; an unknown one is shown by its name. */
const COLLECTION_NOUNS: Record<string, string> = {
  sites: 'site',
  servers: 'site system server',
  cmgs: 'cloud management gateway',
  cloudDistributionPoints: 'cloud distribution point',
  boundaryGroups: 'boundary group',
  certificates: 'certificate',
  populations: 'client population',
  clientSettings: 'client settings object',
  networkDevices: 'network device',
  forests: 'Active Directory forest',
  azureServerApps: 'Microsoft Entra server app',
};

const COLLECTIONS = new Map(REFERENCE_TABLE.collections.map((c) => [c.name, c]));

function isMapping(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Calls visit with each value at a path of keys and `*` (every item of a list), and its pointer. The pointer is one
 * array, changed as the walk goes on: a visitor that keeps it copies it (an inventory has hundreds of thousands).
 */
function walk(
  data: unknown,
  path: readonly string[],
  visit: (value: unknown, pointer: readonly (string | number)[]) => void,
): void {
  const pointer: (string | number)[] = [];
  const step = (value: unknown, depth: number): void => {
    if (depth === path.length) return visit(value, pointer);
    const part = path[depth]!;
    if (part === '*') {
      if (!Array.isArray(value)) return;
      for (let i = 0; i < value.length; i++) {
        pointer.push(i);
        step(value[i], depth + 1);
        pointer.pop();
      }
    } else if (isMapping(value) && Object.prototype.hasOwnProperty.call(value, part)) {
      pointer.push(part);
      step(value[part], depth + 1);
      pointer.pop();
    }
  };
  step(data, 0);
}

/** The value of a key field, dotted for a field inside a mapping (ServerApp.ClientId). */
function keyValue(item: Record<string, unknown>, key: string): unknown {
  let value: unknown = item;
  for (const part of key.split('.'))
    value = isMapping(value) && Object.prototype.hasOwnProperty.call(value, part) ? value[part] : undefined;
  return value;
}

/** How a name is compared within a collection: Configuration Manager's site codes, server names and FQDNs ignore case. */
export function matchKey(collection: CollectionDeclaration, name: string): string {
  return collection.caseInsensitive ? name.toLowerCase() : name;
}

/** The named elements of each collection of one export, indexed by match key, built when first asked for. */
export class ExportIndex {
  private readonly indexes = new Map<string, Map<string, NamedElement>>();
  private readonly lists = new Map<string, NamedElement[]>();

  constructor(private readonly data: unknown) {}

  /** Every name the collection's items can be named by, in the export's order (an item with two names twice). */
  names(collection: string): NamedElement[] {
    let list = this.lists.get(collection);
    if (list) return list;
    list = [];
    const declaration = COLLECTIONS.get(collection);
    if (declaration) {
      walk(this.data, declaration.path, (item, pointer) => {
        if (!isMapping(item)) return;
        for (const key of declaration.key) {
          const name = keyValue(item, key);
          if (typeof name === 'string' && name !== '')
            list!.push({ collection, pointer: [...pointer], element: item, name });
        }
      });
    }
    this.lists.set(collection, list);
    return list;
  }

  /** The element a name names in a collection; the first one when several share it. */
  find(collection: string, name: string): NamedElement | undefined {
    return this.finder(collection)(name);
  }

  /** find for one collection, its index looked up once (a walk over an inventory asks once per device). */
  finder(collection: string): (name: string) => NamedElement | undefined {
    const declaration = COLLECTIONS.get(collection);
    if (!declaration) return () => undefined;
    let index = this.indexes.get(collection);
    if (!index) {
      index = new Map();
      for (const named of this.names(collection)) {
        const key = matchKey(declaration, named.name);
        if (!index.has(key)) index.set(key, named);
      }
      this.indexes.set(collection, index);
    }
    const found = index;
    return declaration.caseInsensitive ? (name) => found.get(name.toLowerCase()) : (name) => found.get(name);
  }

  /** Whether the export has the collection at all (an empty list counts). */
  has(collection: string): boolean {
    const declaration = COLLECTIONS.get(collection);
    if (!declaration) return false;
    let found = false;
    walk(this.data, declaration.path.slice(0, -1), (value) => (found ||= Array.isArray(value)));
    return found;
  }
}

/** Calls visit with every reference of an export: each name a declared field gives, resolved or not. */
export function forEachReference(
  data: unknown,
  visit: (reference: Reference) => void,
  index = new ExportIndex(data),
): void {
  forEachName(data, index, (pointer, name, declaration, target) =>
    visit(target ? { pointer: [...pointer], name, declaration, target } : { pointer: [...pointer], name, declaration }),
  );
}

/** forEachReference without making a Reference (nor copying the pointer, which changes as the walk goes on). */
function forEachName(
  data: unknown,
  index: ExportIndex,
  visit: (
    pointer: readonly (string | number)[],
    name: string,
    declaration: ReferenceDeclaration,
    target: NamedElement | undefined,
  ) => void,
): void {
  for (const declaration of REFERENCE_TABLE.references) {
    let finders: ((name: string) => NamedElement | undefined)[] | undefined;
    walk(data, declaration.path, (value, pointer) => {
      if (typeof value !== 'string') return; // not a name: the schema finding says so
      finders ??= declaration.to.map((to) => index.finder(to));
      let target: NamedElement | undefined;
      for (const find of finders) if ((target = find(value))) break;
      visit(pointer, value, declaration, target);
    });
  }
}

/** Every reference in an export with its pointer, what it names and the element it resolves to (if any). */
export function listReferences(data: unknown): Reference[] {
  const references: Reference[] = [];
  forEachReference(data, (reference) => references.push(reference));
  return references;
}

/** The names a reference could take (for completion, and the candidates a finding lists). */
export function candidatesFor(declaration: ReferenceDeclaration, index: ExportIndex): NamedElement[] {
  return declaration.to.flatMap((to) => index.names(to));
}

/** A list of names this short is given in full in a finding. */
const FEW = 6;

/**
 * One CML012 finding for each name that names nothing, at the name itself. Names at a pointer in `skip` (the schema
 * already rejected the value) are left to that finding.
 */
export function danglingReferences(data: unknown, skip: ReadonlySet<string> = new Set()): DanglingReferences {
  const index = new ExportIndex(data);
  const result: DanglingReferences = { findings: [], dangling: [], unchecked: [] };
  const described = new Map<string, boolean>();
  const describes = (collection: string) => {
    if (!described.has(collection)) described.set(collection, index.has(collection));
    return described.get(collection)!;
  };
  forEachName(data, index, (at, name, declaration, target) => {
    if (target || (skip.size && skip.has(at.join('/')))) return;
    const reference: Reference = { pointer: [...at], name, declaration };
    // A name into a part the export leaves out altogether (no hierarchy.sites at all) cannot be checked: the export
    // says nothing about that part. It is no finding, but what the name stands for is a fact the model lacks.
    if (!declaration.to.every(describes)) result.unchecked.push(reference);
    else {
      result.dangling.push(reference);
      result.findings.push(danglingFinding(reference, index));
    }
  });
  return result;
}

export interface DanglingReferences {
  /** CML012, one per name that names nothing. */
  findings: RawFinding[];
  /** Those names. */
  dangling: Reference[];
  /** Names into collections the export leaves out altogether, which could not be checked. */
  unchecked: Reference[];
}

function danglingFinding(reference: Reference, index: ExportIndex): RawFinding {
  const { declaration, name } = reference;
  const nouns = declaration.to.map((to) => COLLECTION_NOUNS[to] ?? to);
  const places = declaration.to.map((to) => placeOf(COLLECTIONS.get(to)!));
  const candidates = [...new Set(candidatesFor(declaration, index).map((c) => c.name))];
  const what = `${declaration.field} ${quote(name)} names no ${nouns.join(' or ')} in this export (${places.join(', ')})`;
  let hint: string;
  if (!candidates.length) hint = `, which lists none: add it there, or correct the name.`;
  else {
    const best = suggestion(
      name,
      candidates,
      declaration.to.every((to) => COLLECTIONS.get(to)!.caseInsensitive),
    );
    const list =
      candidates.length <= FEW
        ? ` ${candidates.length === 1 ? 'The only name there is' : 'Names there:'} ${candidates.map(quote).join(', ')}.`
        : '';
    hint = best
      ? `; did you mean ${quote(best)}?${list}`
      : `.${list || ` Use one of the ${candidates.length} names there, or add this one.`}`;
  }
  return {
    ruleId: DANGLING_REFERENCE,
    severity: 'error',
    message: what + hint,
    pointer: reference.pointer,
    actual: clip(name),
    expected:
      candidates.length <= FEW
        ? candidates.join(', ')
        : `one of the ${candidates.length} names in ${places.join(', ')}`,
  };
}

/** The closest name, when it is near enough to be what was meant: a letter or two in a short name, a third of a long one. */
function suggestion(name: string, candidates: string[], caseInsensitive: boolean): string | undefined {
  if (name.length > 200) return undefined;
  const sameButCase = candidates.find((c) => c.toLowerCase() === name.toLowerCase());
  if (sameButCase && !caseInsensitive) return sameButCase;
  const best = closest(
    name.toLowerCase(),
    candidates.map((c) => c.toLowerCase()),
  );
  const limit = Math.max(1, Math.min(3, Math.floor(name.length / 3)));
  if (distance(name.toLowerCase(), best) > limit) return undefined;
  return candidates.find((c) => c.toLowerCase() === best);
}

/** Where a collection is in the export, for people: hierarchy.sites, azureServices[].ServerApp.ClientId. */
export function placeOf(collection: CollectionDeclaration): string {
  const path = collection.path
    .slice(0, -1)
    .map((p) => (p === '*' ? '[]' : p))
    .join('.')
    .replace(/\.\[\]/g, '[]');
  const keys = collection.key.filter((k) => k.includes('.'));
  return keys.length ? `${path}[].${keys[0]}` : path;
}

function quote(text: string): string {
  return JSON.stringify(text.length > 60 ? text.slice(0, 57) + '...' : text);
}

function clip(text: string): string {
  return text.length > 80 ? text.slice(0, 77) + '...' : text;
}
