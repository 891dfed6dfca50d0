/**
 * The model's device elements (src/model/build.ts, buildDevices): the export's fields as CEL sees them, what a device
 * takes from its population, and where each came from. The loop is written for speed; these hold it to its meaning.
 */
import { describe, expect, test } from 'vitest';
import { buildModel } from '../../src/model/build.js';
import { originOf } from '../../src/model/pointers.js';

const populations = [
  {
    Name: 'Laptops',
    Channels: ['CMG'],
    Authentication: ['Pki'],
    OperatingSystem: 'Windows',
    OsVersion: '11',
    Identity: 'HybridEntraId',
    Network: 'DualStack',
  },
  { Name: 'Desktops', Channels: ['VPN'], Authentication: ['EntraId'] },
];

function devicesOf(devices: unknown[]) {
  const model = buildModel(JSON.parse(JSON.stringify({ schemaVersion: 1, clientPopulations: populations, devices })));
  return model as unknown as { devices: Record<string, unknown>[]; populations: Record<string, unknown>[] };
}

describe('device elements', () => {
  test('fields as CEL reads them, and what a device takes from its population', () => {
    const { devices, populations: built } = devicesOf([
      { Name: 'A', Population: 'Laptops', Network: 'IPv6Only', Identity: null, Slots: [1, 'x'], Extra: { Port: 443 } },
      { Name: 'B', Population: 'Desktops', Authentication: ['Pki', 'Token'] },
      { Name: 'C', Population: 'Nowhere', Authentication: [7] },
    ]);
    const [a, b, c] = devices;
    expect(structuredClone(a)).toMatchObject({
      Name: 'A',
      Network: 'IPv6Only',
      Identity: 'HybridEntraId',
      OperatingSystem: 'Windows',
      OsVersion: '11',
      auth: ['Pki'],
      usesCmg: true,
    });
    expect(a!.population).toBe(built[0]);
    // Whole numbers become CEL ints (BigInt), in lists and mappings too. (structuredClone: the values as CEL sees
    // them, without the origin tags, symbol-keyed properties that CEL, Object.keys and JSON never see.)
    expect(structuredClone(a!.Slots)).toEqual([1n, 'x']);
    expect(structuredClone(a!.Extra)).toEqual({ Port: 443n });
    expect(structuredClone(b)).toMatchObject({ auth: ['Pki', 'Token'], usesCmg: false });
    expect(Object.hasOwn(b!, 'Network')).toBe(false);
    expect(Object.hasOwn(b!, 'OperatingSystem')).toBe(false);
    // An unknown population links nothing; an authentication that is not text is read as text.
    expect(Object.hasOwn(c!, 'population')).toBe(false);
    expect(structuredClone(c)).toMatchObject({ auth: ['7'], usesCmg: false });
    expect(built.map((p) => p.count)).toEqual([1n, 1n]);
  });

  test('`__proto__` is an ordinary field, and no key reaches Object.prototype', () => {
    const [device] = devicesOf([JSON.parse('{"Name": "P", "__proto__": {"polluted": true}, "toString": "t"}')]).devices;
    expect(Object.hasOwn(device!, '__proto__')).toBe(true);
    expect(structuredClone(device!['__proto__'])).toEqual({ polluted: true });
    expect(device!.toString).toBe('t');
    expect(Object.hasOwn(device!, 'constructor')).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  test('each device knows its index in the export, also when the inventory holds items that are not mappings', () => {
    const aligned = devicesOf([{ Name: 'A', Population: 'Laptops', Slots: ['s'] }, { Name: 'B' }]).devices;
    expect(aligned.map((d) => originOf(d))).toEqual([
      ['devices', 0],
      ['devices', 1],
    ]);
    expect(originOf(aligned[0]!.Slots)).toEqual(['devices', 0, 'Slots']);
    const mixed = devicesOf([
      'not a device',
      { Name: 'A', Population: 'Laptops' },
      null,
      { Name: 'B', Population: 'Laptops' },
    ]);
    expect(mixed.devices.map((d) => [d.Name, originOf(d)])).toEqual([
      ['A', ['devices', 1]],
      ['B', ['devices', 3]],
    ]);
    expect(mixed.populations[0]!.count).toBe(2n);
  });
});
