/**
 * Writes the import as YAML: each value read from the site with a comment naming its source (class.property), a
 * to-do comment on each item that lacks fields the site cannot tell, and a to-do block for whole sections the
 * administrator writes. The output depends only on its inputs (no time, no paths), so re-running the import on an
 * unchanged site gives the same bytes.
 */
import { Document, Pair, parse, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { ADMIN_SECTIONS, COVERAGE } from './coverage.js';
import { isNodeMap, type Node, type NodeMap, Sourced } from './sourced.js';

/** The export's top-level keys in the schema's order. */
const ROOT_ORDER = [
  '$schema',
  'schemaVersion',
  'description',
  'hierarchy',
  'siteSystems',
  'azureServices',
  'cloudManagementGateways',
  'cloudDistributionPoints',
  'boundaryGroups',
  'activeDirectory',
  'pki',
  'dns',
  'network',
  'clientSettings',
  'clientPopulations',
  'devices',
  'content',
];

export const TODO_MARK = 'TODO(cmlint import)';

export interface WriteInput {
  root: NodeMap;
  header: string[];
  warnings: string[];
  conflicts: string[];
}

export function writeYaml({ root, header, warnings, conflicts }: WriteInput): string {
  const keys = [
    ...ROOT_ORDER.filter((key) => Object.hasOwn(root, key)),
    ...Object.keys(root).filter((key) => !ROOT_ORDER.includes(key)),
  ];
  const ordered: NodeMap = {};
  for (const key of keys)
    Object.defineProperty(ordered, key, { value: root[key], enumerable: true, writable: true, configurable: true });

  const doc = new Document();
  doc.contents = toYaml(ordered, []) as YAMLMap;
  const top = [...header];
  if (warnings.length) top.push('', `Import warnings (${warnings.length}):`, ...warnings.map((w) => `  - ${w}`));
  if (conflicts.length)
    top.push('', `Overlay conflicts, the overlay won (${conflicts.length}):`, ...conflicts.map((c) => `  - ${c}`));
  doc.commentBefore = top.map(commentLine).join('\n');
  const missing = ADMIN_SECTIONS.filter(([key]) => !Object.hasOwn(root, key));
  if (missing.length) {
    doc.comment = [
      `${TODO_MARK}: parts the site cannot tell; write them in the overlay (docs/collect.md):`,
      ...missing.map(([key, what]) => `  ${key}: ${what}`),
    ]
      .map(commentLine)
      .join('\n');
  }
  const text = doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** A comment line: one line, no control characters (values from the dump end up in comments). */
function commentLine(text: string): string {
  return text === ''
    ? ''
    : ` ${text.replace(/[\u0000-\u001f\u007f\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}`;
}

function toYaml(node: Node, path: string[]): Scalar | YAMLSeq | YAMLMap {
  if (node instanceof Sourced) {
    const value = toYaml(Array.isArray(node.value) ? [...node.value] : (node.value as Node), path);
    value.comment = commentLine(node.source);
    return value;
  }
  if (Array.isArray(node)) {
    const seq = new YAMLSeq();
    const section = `${path.join('.')}[]`;
    for (const item of node) {
      const yaml = toYaml(item, path);
      const todo = isNodeMap(item) ? itemTodo(section, item) : undefined;
      if (todo) yaml.commentBefore = commentLine(todo);
      seq.items.push(yaml);
    }
    seq.flow = node.length > 0 && node.every((item) => !isNodeMap(item) && !Array.isArray(item));
    return seq;
  }
  if (isNodeMap(node)) {
    const map = new YAMLMap();
    for (const [key, value] of Object.entries(node))
      map.items.push(new Pair(new Scalar(key), toYaml(value, [...path, key])));
    return map;
  }
  const scalar = new Scalar(node);
  if (typeof node === 'string' && readsAsOtherThanText(node)) scalar.type = Scalar.QUOTE_SINGLE;
  return scalar;
}

/** A string that a YAML 1.1 reader would take for a date, a boolean or a number (2028-10-31, yes, 0755) is quoted. */
function readsAsOtherThanText(text: string): boolean {
  try {
    return typeof parse(text, { version: '1.1' }) !== 'string';
  } catch {
    return true;
  }
}

/** The fields the site cannot tell that this item still lacks, as one to-do line. */
function itemTodo(section: string, item: NodeMap): string | undefined {
  const coverage = COVERAGE.find((entry) => entry.section === section);
  if (!coverage) return undefined;
  const missing = coverage.todo.filter((field) => !Object.hasOwn(item, field));
  const roles = item.roles;
  if (
    section === 'siteSystems[]' &&
    isNodeMap(roles) &&
    isNodeMap(roles.SoftwareUpdatePoint) &&
    !Object.hasOwn(roles.SoftwareUpdatePoint, 'NetworkLoadBalancer')
  ) {
    missing.push('roles.SoftwareUpdatePoint.NetworkLoadBalancer');
  }
  if (!missing.length) return undefined;
  return `${TODO_MARK}: the site cannot tell ${missing.join(', ')} (${coverage.why || 'not in the site database'}); write them in the overlay`;
}
