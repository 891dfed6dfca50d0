/** References: declared once in the schemas, resolved by listReferences, dangling ones reported as CML012. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { createLinter } from '../../src/lint.js';
import { decodeSource } from '../../src/source/read-source.js';
import { REFERENCE_TABLE } from '../../src/model/reference-table.js';
import { danglingReferences, listReferences } from '../../src/model/references.js';
import { readReferenceTable } from '../../src/generate/reference-table.js';
import { createAjv } from '../../src/validate/schemas.js';
import { buildModel } from '../../src/model/build.js';
import { originOf } from '../../src/model/pointers.js';
import { ROOT } from '../support/cli.js';

const FIXTURES = join(ROOT, 'fixtures', 'rules', 'CML012');
const read = (name: string) => readFileSync(join(FIXTURES, name), 'utf8');
const linter = createLinter({ asOf: '2026-06-01' });
const lintText = (text: string, path: string, _options?: object) =>
  linter.lintSource(decodeSource(path, Buffer.from(text, 'utf8')));

/** Whether a pointer is at a declaration's path (`*` for any index). */
function matches(path: readonly string[], pointer: readonly (string | number)[]): boolean {
  return (
    path.length === pointer.length &&
    path.every((part, i) => (part === '*' ? typeof pointer[i] === 'number' : part === pointer[i]))
  );
}

describe('the declarations', () => {
  test('the generated table is what the schemas declare', () => {
    expect(readReferenceTable(join(ROOT, 'schemas'))).toEqual(REFERENCE_TABLE);
  });

  test('ajv knows the keywords: a malformed declaration is an error when a schema is compiled', () => {
    const ajv = createAjv();
    expect(() => ajv.compile({ type: 'string', 'x-cmlint-ref': { to: 'sites', as: 'site' } })).not.toThrow();
    expect(() => ajv.compile({ type: 'string', 'x-cmlint-ref': { too: 'sites' } })).toThrow(/x-cmlint-ref/);
    expect(() => ajv.compile({ type: 'array', 'x-cmlint-collection': { name: 'sites', key: 'SiteCode' } })).toThrow(
      /x-cmlint-collection/,
    );
  });
});

describe('CML012', () => {
  const everyKind = read('fires-every-kind.yaml');

  test('the fixture has a dangling name for every declared reference, each with the name meant', () => {
    const findings = lintText(everyKind, 'every-kind.yaml').findings.filter((f) => f.ruleId === 'CML012');
    for (const declaration of REFERENCE_TABLE.references) {
      const hits = findings.filter((f) => matches(declaration.path, f.pointer ?? []));
      expect(hits.length, declaration.path.join('.')).toBe(1);
      expect(hits[0]!.message, declaration.path.join('.')).toMatch(/did you mean "[^"]+"\?/);
    }
    expect(findings).toHaveLength(REFERENCE_TABLE.references.length);
  });

  test('the same export with every name corrected (in any case where Configuration Manager ignores it) resolves', () => {
    const data = load(read('silent.yaml'));
    const references = listReferences(data);
    expect(references.filter((r) => !r.target)).toEqual([]);
    for (const declaration of REFERENCE_TABLE.references)
      expect(
        references.some((r) => r.declaration === declaration),
        declaration.path.join('.'),
      ).toBe(true);
  });

  test('listReferences gives each name its pointer and the element it names, for go-to-definition', () => {
    const data = load(read('silent.yaml'));
    const siteCode = listReferences(data).find((r) => r.pointer.join('/') === 'siteSystems/0/SiteCode')!;
    expect(siteCode.name).toBe('nyc');
    expect(siteCode.target).toMatchObject({ collection: 'sites', pointer: ['hierarchy', 'sites', 1], name: 'NYC' });
    expect(siteCode.target!.element.SiteType).toBe('Primary');
  });

  test('a misspelt site code is one finding, at the value, naming the site meant; the CMG rules say nothing', () => {
    const text = read('fires-site-code-typo.yaml');
    const result = lintText(text, 'typo.yaml', { asOf: '2026-06-01' });
    const line = text.split('\n').findIndex((l) => l.includes('SiteCode: NYX')) + 1;
    const about = result.findings.filter((f) => f.region.startLine === line || f.ruleId.startsWith('CMG'));
    expect(about.map((f) => [f.ruleId, f.region.startLine, f.region.startColumn])).toEqual([['CML012', line, 15]]);
    expect(about[0]!.message).toMatch(/SiteCode "NYX" names no site .*did you mean "NYC"\?/);
    expect(result.outcomes.get('CMG001')?.status).toBe('not-evaluated');
  });

  test('exact names (certificate ids) suggest the name that differs only in case', () => {
    const result = lintText(
      'schemaVersion: 1\ncloudManagementGateways:\n  - ServiceName: cmg.contoso.com\n    SiteCode: P01\n    ServiceCertificate: CMG-Web\npki:\n  certificates:\n    - Id: cmg-web\n',
      'x.yaml',
    );
    expect(result.findings.find((f) => f.ruleId === 'CML012')?.message).toMatch(/did you mean "cmg-web"\?/);
  });

  test('a name far from every name gets no suggestion but the names there, when they are few', () => {
    const { findings } = danglingReferences({
      hierarchy: { sites: [{ SiteCode: 'CAS' }, { SiteCode: 'NYC' }] },
      siteSystems: [{ SiteSystemServerName: 'a', SiteCode: 'ZZZ' }],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).not.toMatch(/did you mean/);
    expect(findings[0]!.message).toMatch(/Names there: "CAS", "NYC"\./);
  });

  test('a name into a part the export leaves out altogether is not reported, but is unchecked', () => {
    const result = danglingReferences({ siteSystems: [{ SiteSystemServerName: 'a', SiteCode: 'P01' }] });
    expect(result.findings).toEqual([]);
    expect(result.unchecked.map((r) => r.name)).toEqual(['P01']);
  });

  test('a value the schema already rejected is left to that finding', () => {
    const result = lintText(
      'schemaVersion: 1\nhierarchy:\n  sites:\n    - SiteCode: NYC\n      SiteType: Primary\nsiteSystems:\n  - SiteSystemServerName: a\n    SiteCode: NYCC\n',
      'x.yaml',
    );
    expect(result.findings.filter((f) => f.region.startLine === 8).map((f) => f.ruleId)).toEqual(['CML003']);
  });
});

describe('the model links what the resolver resolves', () => {
  test.each(['examples/contoso.yaml', 'examples/fourth-coffee.yaml', 'fixtures/rules/CML012/silent.yaml'])(
    '%s',
    (path) => {
      const data = load(readFileSync(join(ROOT, path), 'utf8'));
      const model = buildModel(data);
      const byOrigin = new Map<string, Record<string, unknown>>();
      for (const list of Object.values(model))
        if (Array.isArray(list)) for (const element of list) byOrigin.set((originOf(element) ?? []).join('/'), element);
      let checked = 0;
      for (const reference of listReferences(data)) {
        const as = reference.declaration.as;
        if (!as || !reference.target || typeof reference.pointer[reference.pointer.length - 1] === 'number') continue;
        const owner = byOrigin.get(reference.pointer.slice(0, -1).join('/'));
        if (!owner) continue;
        // The fact the schema names (`as`) is the element the resolver found, with the same matching.
        expect(originOf(owner[as])?.join('/'), `${reference.pointer.join('/')} → ${as}`).toBe(
          reference.target.pointer.join('/'),
        );
        checked++;
      }
      expect(checked).toBeGreaterThan(3);
    },
  );
});
