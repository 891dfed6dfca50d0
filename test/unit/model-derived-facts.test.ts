/**
 * The facts the model derives once for the rules and the topology (src/model/derive/): a CMG's deployment kind,
 * instance slots and port sets, a connection point's reach of its CMG, what a connection's ends and a DNS record name,
 * and which hosts are Azure's.
 */
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/build.js';
import { isAzureHost } from '../../src/model/derive/azure-hosts.js';

const cmg = (fields: Record<string, unknown>) =>
  buildModel({ schemaVersion: 1, cloudManagementGateways: [{ ServiceName: 'cmg.contoso.com', ...fields }] }).cmgs[0]!;

describe('a CMG deployment', () => {
  it('takes its kind from DeploymentModel, else from the DeploymentName, else unknown', () => {
    expect(cmg({ DeploymentModel: 'Classic' }).deploymentKind).toBe('cloudService');
    expect(
      cmg({ DeploymentModel: 'AzureResourceManager', DeploymentName: 'x.cloudapp.azure.com' }).deploymentKind,
    ).toBe('cloudService');
    expect(cmg({ DeploymentModel: 'VirtualMachineScaleSet' }).deploymentKind).toBe('scaleSet');
    expect(cmg({ DeploymentName: 'Contoso.CloudApp.Net' }).deploymentKind).toBe('cloudService');
    expect(cmg({ DeploymentName: 'contoso.westus.cloudapp.azure.com' }).deploymentKind).toBe('scaleSet');
    expect(cmg({ DeploymentName: 'cmg.contoso.com' }).deploymentKind).toBe('unknown');
    expect(cmg({ DeploymentModel: 'VMSS', DeploymentName: 'x.cloudapp.net' }).deploymentKind).toBe('unrecognized');
    expect(cmg({ DeploymentModel: 'Classic' }).deploymentKindStated).toBe(true);
    expect(cmg({ DeploymentName: 'x.cloudapp.net' }).deploymentKindStated).toBe(false);
  });

  it('has one port per VM instance, 1 to 16, in each set', () => {
    expect(cmg({})).toMatchObject({
      instances: 1n,
      instanceSlots: 1n,
      tcpTlsPorts: '10140',
      httpsPorts: '443',
      httpsPortFirst: 443n,
    });
    expect(cmg({ VMInstanceCount: 0 })).toMatchObject({ instanceSlots: 1n, httpsPorts: '443' });
    expect(cmg({ VMInstanceCount: 3 })).toMatchObject({
      instanceSlots: 3n,
      tcpTlsPorts: '10140-10142',
      httpsPorts: '10124-10126',
      httpsPortFirst: 10124n,
    });
    expect(cmg({ VMInstanceCount: 40 })).toMatchObject({
      instances: 40n,
      instanceSlots: 16n,
      tcpTlsPorts: '10140-10155',
      httpsPorts: '10124-10139',
    });
  });
});

describe('links through names', () => {
  const model = buildModel({
    schemaVersion: 1,
    siteSystems: [
      {
        SiteSystemServerName: 'cp.contoso.com',
        SiteCode: 'P01',
        roles: { CloudManagementGatewayConnectionPoint: { CloudManagementGatewayName: 'cmg.contoso.com' } },
      },
      {
        SiteSystemServerName: 'mp.contoso.com',
        SiteCode: 'P01',
        PublicFqdn: 'MP.Contoso.Com',
        roles: { ManagementPoint: { ClientConnectionType: 'Internet' } },
      },
    ],
    cloudManagementGateways: [
      { ServiceName: 'cmg.contoso.com', DeploymentName: 'contoso.cloudapp.net', VMInstanceCount: 2 },
    ],
    clientPopulations: [{ Name: 'Laptops', Count: 10 }],
    dns: {
      records: [
        { Name: 'contoso.cloudapp.net', Type: 'CNAME' },
        { Name: 'mp.contoso.com', Type: 'A' },
        { Name: 'www.contoso.com', Type: 'A' },
      ],
    },
    network: {
      connections: [
        { From: 'cp.contoso.com', To: 'Contoso.CloudApp.Net', Ports: ['10124-10125', 10140] },
        { From: 'Laptops', To: 'mp.contoso.com', Ports: [443] },
        { From: 'cp.contoso.com', To: '*.blob.core.windows.net', Ports: [443] },
      ],
    },
  });
  const [cp] = model.connectionPoints;
  const [toCmg, toMp, toStorage] = model.connections;

  it('gives a connection point its reach of its CMG on every port of each set', () => {
    // Both HTTPS fallback ports are open; of the two TCP-TLS ports only the first.
    expect(cp).toMatchObject({ reachesCmgHttps: true, reachesCmgTcpTls: false });
  });

  it('gives a connection the elements its ends name, and whether they are Azure', () => {
    expect(toCmg!.source).toBe(model.servers[0]);
    expect(toCmg!.destination).toBe(model.cmgs[0]);
    expect(toMp!.source).toBe(model.populations[0]);
    expect(toMp!.destination).toBe(model.servers[1]);
    expect(toStorage!.destination).toBeUndefined();
    expect(toStorage!.destinationIsAzure).toBe(true);
    expect(toMp!.destinationIsAzure).toBe(false);
  });

  it('gives a DNS record the CMG or internet-facing site system it names', () => {
    expect(model.dnsRecords.map((r) => r.target)).toEqual([model.cmgs[0], model.servers[1], undefined]);
  });
});

describe('Azure hosts', () => {
  it('are Azure itself and hosts in the public and US Government cloud domains', () => {
    for (const host of [
      'Azure',
      'contoso.cloudapp.net',
      'x.westus.cloudapp.azure.com',
      'x.blob.core.windows.net',
      'management.azure.com',
      'x.vault.azure.net',
      'x.usgovcloudapp.net',
      'x.blob.core.usgovcloudapi.net',
      'portal.azure.us',
      'login.microsoftonline.com',
      'login.microsoftonline.us',
      'windows.net',
    ]) {
      expect(isAzureHost(host), host).toBe(true);
    }
    for (const host of ['contoso.com', 'notazure.com', 'cloudapp.net.contoso.com', ''])
      expect(isAzureHost(host), host).toBe(false);
  });
});
