/**
 * Generates an export with many CMGs (the design of examples/contoso.yaml with its CMG repeated under other names, in
 * four Azure regions, sharing one site), to check that rules comparing CMGs with each other stay close to linear.
 *
 *   node bench/many-cmgs.mjs <cmgs> <output file>
 */
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { baseDesign } from './generate.mjs';

const REGIONS = ['EastUS', 'WestEurope', 'JapanEast', 'AustraliaEast'];

export function manyCmgsExport(count) {
  const design = baseDesign();
  const template = design.cloudManagementGateways[0];
  const cmgs = [];
  for (let i = 0; i < count; i++) {
    const prefix = `cmg${String(i + 1).padStart(5, '0')}`;
    const region = REGIONS[i % REGIONS.length];
    // The few fields that the rules comparing CMGs read (the size of the probe that found them: 171 KB for 1,000),
    // all sharing one site, one subscription and one server certificate.
    cmgs.push({
      ServiceName: `${prefix}.contoso.com`,
      DeploymentName: `${prefix}.${region.toLowerCase()}.cloudapp.azure.com`,
      SiteCode: template.SiteCode,
      DeploymentModel: template.DeploymentModel,
      Region: region,
      VMInstanceCount: 2,
      ServiceCertificate: template.ServiceCertificate,
    });
  }
  // What named the template CMG (connection points, populations, boundary groups) names the first CMG instead, so
  // every reference resolves and no rule leaves a CMG unjudged for a dangling name.
  const renamed = JSON.parse(
    JSON.stringify(design).replaceAll(JSON.stringify(template.ServiceName), JSON.stringify(cmgs[0].ServiceName)),
  );
  return stringify({ ...renamed, cloudManagementGateways: cmgs }, { aliasDuplicateObjects: false });
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop())) {
  const [count, output] = process.argv.slice(2);
  writeFileSync(output, manyCmgsExport(Number(count)));
}
