/**
 * Facts of the model that cannot be trusted: a field the schema rejected (a misspelt key stands for the key it was
 * probably meant to be, a value outside its enum, a missing required key) or a name that names nothing. A rule that
 * needs such a fact of an element does not judge that element (src/engine/evaluate.ts): the schema or CML012
 * finding is the root cause and the only finding, and the element counts as not evaluated for the rule, with the
 * reason kept here.
 *
 * A broken export field breaks the model's facts derived from it as well (VMInstanceCount → instances, SiteCode →
 * site); the links named by references come from the schemas' declarations (reference-table.ts, `as`).
 */
import type { Pointer, RawFinding } from '../findings.js';
import type { Element, Model } from './build.js';
import { originOf } from './pointers.js';
import { REFERENCE_TABLE } from './reference-table.js';
import type { DanglingReferences } from './references.js';

/** Model facts derived from an export field, beyond the link a reference gives (reference-table.ts `as`). */
const DERIVED: Record<string, readonly string[]> = {
  SiteCode: ['code', 'version'],
  ParentSiteCode: ['isTopTier', 'isChildPrimary', 'isStandalonePrimary', 'children'],
  SiteType: ['isCas', 'isPrimary', 'isSecondary', 'isChildPrimary', 'isStandalonePrimary'],
  Version: ['version'],
  VMInstanceCount: ['instances', 'instanceSlots', 'httpsPortFirst', 'tcpTlsPorts', 'httpsPorts'],
  DeploymentModel: ['deploymentKind', 'deploymentKindStated'],
  DeploymentName: ['deploymentKind'],
  ServiceName: ['name'],
  SiteSystemServerName: ['name', 'serverName'],
  Name: ['name'],
  ForestFqdn: ['name'],
  ClientSettingName: ['name', 'isDefault'],
  Type: ['isDefault'],
  EnableCloudDPFunction: ['contentEnabled'],
  Lifecycle: ['isNew'],
  CARootCert: ['trustedCertificates'],
  ClientConnectionType: ['connectionType', 'acceptsInternet', 'acceptsIntranet', 'ibcm'],
  EnableCloudGateway: ['cmgTraffic', 'ibcm'],
  EnableSsl: ['https', 'port'],
  ClientCommunicationType: ['https', 'port'],
  WsusSsl: ['https', 'port'],
  Channels: ['channels', 'usesCmg', 'usesIbcm', 'viaCmg', 'viaIbcm'],
  Authentication: ['auth'],
  Count: ['count'],
  Workgroup: ['isDomainMember'],
  DomainFqdn: ['isDomainMember'],
  EnhancedKeyUsages: ['ekus', 'serverAuth', 'clientAuth'],
  SubjectName: ['names', 'isWildcard'],
  SubjectAlternativeNames: ['names'],
  IssuerCertificate: ['chain'],
  FrontOf: ['servers', 'frontCmgs', 'roles'],
  From: ['from'],
  To: ['to'],
  Ports: ['ranges'],
  TrustedForests: ['trusts'],
  Value: ['value'],
  Zone: ['isPublic'],
  Feature: ['feature'],
  ServiceType: ['isCloudManagement'],
};

/** The CMG fields a connection point's reach of it (derive/reachability.ts) is worked out from, and those facts. */
const REACH_INPUTS = new Set(['VMInstanceCount', 'ServiceName', 'DeploymentName', '*']); // '*': EVERY_FACT, declared below
const REACH_FACTS = ['reachesCmgTcpTls', 'reachesCmgHttps'];

/** The link fact each referring field gives its element (SiteCode → site), from the schemas' declarations. */
const LINK_OF_FIELD = new Map<string, string>();
for (const r of REFERENCE_TABLE.references) if (r.as && !LINK_OF_FIELD.has(r.field)) LINK_OF_FIELD.set(r.field, r.as);

/**
 * What the model gathers on the named element from the elements that name it (a site's servers and client count, a
 * CMG's connection points). One name that names nothing may have been meant for any element of its collection (NYX
 * for NYC), so these facts of every element there are incomplete.
 */
const GATHERED: Record<string, readonly string[]> = {
  site: ['servers', 'roles', 'populations', 'cmgs', 'clientCount', 'usesIbcm'],
  parent: ['children'],
  cmg: ['connectionPoints', 'populations', 'clientCount'],
  population: ['count'],
};

/** Stands for every fact of an element whose whole value the schema rejected. */
export const EVERY_FACT = '*';

export interface BrokenFacts {
  /** How many elements have a broken fact (0: nothing to look up). */
  readonly size: number;
  /** Every fact name broken on some element (EVERY_FACT among them when an element is broken whole). */
  readonly names: ReadonlySet<string>;
  /** The element's broken facts, each with why, or undefined when it has none. */
  of(element: unknown): ReadonlyMap<string, string> | undefined;
}

export const NO_BROKEN_FACTS: BrokenFacts = { size: 0, names: new Set(), of: () => undefined };

/**
 * The facts broken by findings on the export's values and the names that name nothing. `schemaFindings` may hold any
 * finding about a value at its pointer (schema findings, and others of the same kind such as a site Version written
 * as a build number): the field at the pointer, below its element, is broken.
 */
export function brokenFacts(
  model: Model,
  schemaFindings: readonly RawFinding[],
  references: DanglingReferences,
): BrokenFacts {
  if (!schemaFindings.length && !references.dangling.length && !references.unchecked.length) return NO_BROKEN_FACTS;
  const broken = new Map<object, Map<string, string>>();
  const owners = ownerIndex(model);
  const mark = (element: Element, field: string, reason: string) => {
    let facts = broken.get(element);
    if (!facts) broken.set(element, (facts = new Map()));
    for (const fact of [
      field,
      ...(DERIVED[field] ?? []),
      ...(LINK_OF_FIELD.has(field) ? [LINK_OF_FIELD.get(field)!] : []),
    ]) {
      if (!facts.has(fact)) facts.set(fact, reason);
    }
    // A server's roles carry its site: what breaks the server's SiteCode breaks theirs.
    if (Array.isArray(element.allRoles) && (field === 'SiteCode' || field === EVERY_FACT))
      for (const role of element.allRoles as Element[]) mark(role, field, reason);
    // A connection point's reach of its CMG is worked out from the CMG's names and instance count.
    if (Array.isArray(element.connectionPoints) && REACH_INPUTS.has(field)) {
      for (const cp of element.connectionPoints as Element[]) {
        let cpFacts = broken.get(cp);
        if (!cpFacts) broken.set(cp, (cpFacts = new Map()));
        for (const fact of REACH_FACTS) if (!cpFacts.has(fact)) cpFacts.set(fact, reason);
      }
    }
  };
  for (const finding of schemaFindings) {
    const pointer = finding.pointer;
    // An unknown key that is no slip of a known one leaves no fact unknown.
    if (!pointer || (finding.ruleId === 'CML002' && !finding.fact)) continue;
    const owner = owners(pointer);
    if (!owner) continue;
    const field = fieldOf(finding, pointer, owner.origin);
    const kind =
      finding.ruleId === 'CML002' || finding.ruleId === 'CML003' || finding.ruleId === 'CML004'
        ? 'a schema finding'
        : 'a finding';
    if (field) mark(owner.element, field, `${field} has ${kind} (${finding.ruleId})`);
  }
  for (const reference of references.dangling) {
    const { field, as, to } = reference.declaration;
    const owner = owners(reference.pointer);
    if (owner) mark(owner.element, field, `${field} "${clip(reference.name)}" names nothing in the export (CML012)`);
    const gathered = as ? GATHERED[as] : undefined;
    if (!gathered) continue;
    const reason = `which elements belong to it is not known while ${field} "${clip(reference.name)}" names nothing (CML012)`;
    for (const collection of to) {
      const targets = (model as unknown as Record<string, unknown>)[collection];
      if (!Array.isArray(targets)) continue;
      for (const target of targets as Element[]) {
        let facts = broken.get(target);
        if (!facts) broken.set(target, (facts = new Map()));
        for (const fact of gathered) if (!facts.has(fact)) facts.set(fact, reason);
      }
    }
  }
  // A name into a part the export leaves out is itself sound; only the element it names is unknown.
  for (const reference of references.unchecked) {
    const { field, as, to } = reference.declaration;
    const owner = as ? owners(reference.pointer) : undefined;
    if (!owner) continue;
    const reason = `${field} "${clip(reference.name)}" names a part the export leaves out (${to.join(', ')})`;
    for (const element of [
      owner.element,
      ...(as === 'site' && Array.isArray(owner.element.allRoles) ? (owner.element.allRoles as Element[]) : []),
    ]) {
      let facts = broken.get(element);
      if (!facts) broken.set(element, (facts = new Map()));
      if (!facts.has(as!)) facts.set(as!, reason);
    }
  }
  const names = new Set<string>();
  for (const facts of broken.values()) for (const name of facts.keys()) names.add(name);
  return {
    size: broken.size,
    names,
    of: (element) => (element !== null && typeof element === 'object' ? broken.get(element) : undefined),
  };
}

/** The export field a schema finding is about, below the element it is in (the key a misspelt one stands for). */
function fieldOf(finding: RawFinding, pointer: Pointer, origin: Pointer): string | undefined {
  if (finding.ruleId === 'CML004') return finding.expected; // a missing required key: the pointer is the element
  if (finding.ruleId === 'CML002') return finding.fact; // an unknown key: the known key it is probably a slip of
  if (pointer.length === origin.length) return EVERY_FACT;
  const field = pointer[origin.length];
  return typeof field === 'string' ? field : EVERY_FACT;
}

/**
 * Finds the model element a pointer is in (the one with the longest origin that starts the pointer). The index holds
 * every element but the inventory's devices, which are looked up by their index when a pointer is in devices[].
 */
function ownerIndex(model: Model): (pointer: Pointer) => { element: Element; origin: Pointer } | undefined {
  const byOrigin = new Map<string, Element>();
  const add = (element: Element) => {
    const origin = originOf(element);
    if (origin && !byOrigin.has(origin.join('\u0000'))) byOrigin.set(origin.join('\u0000'), element);
  };
  for (const [name, value] of Object.entries(model)) {
    if (name === 'devices' || name === 'export' || !Array.isArray(value)) continue;
    for (const element of value) add(element as Element);
  }
  let devices: Map<number, Element> | undefined;
  return (pointer) => {
    if (pointer[0] === 'devices' && typeof pointer[1] === 'number') {
      if (!devices) {
        devices = new Map();
        for (const device of model.devices) {
          const origin = originOf(device);
          if (origin && typeof origin[1] === 'number') devices.set(origin[1], device);
        }
      }
      const device = devices.get(pointer[1]);
      return device ? { element: device, origin: ['devices', pointer[1]] } : undefined;
    }
    for (let length = pointer.length; length > 0; length--) {
      const element = byOrigin.get(pointer.slice(0, length).join('\u0000'));
      if (element) return { element, origin: pointer.slice(0, length) };
    }
    return undefined;
  };
}

function clip(text: string): string {
  return text.length > 40 ? text.slice(0, 37) + '...' : text;
}
