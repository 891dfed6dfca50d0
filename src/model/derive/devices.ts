/**
 * The inventory (the export's devices[]): each device element with the population it names, and how many devices
 * each population has. An inventory can hold hundreds of thousands of devices, so this is written for speed.
 */
import type { Device, Population } from '../model-types.js';
import { isMapLike, text } from '../facts.js';
import { listPrototype, setOrigin } from '../pointers.js';
import { CEL_MAP_PROTOTYPE, setKey, toCelChild, type CelValue } from '../to-cel.js';

/**
 * The export's devices[] as parsed (the model copies only its mappings, as list(exp.devices) would), with the name of
 * the population each names, read once: counting the devices of each population and linking each device to its
 * population look the name up once per device, not twice (an inventory can hold hundreds of thousands).
 */
export interface Inventory {
  items: unknown[];
  /** Whether every item is a mapping. */
  aligned: boolean;
  /** Per item, the number of the population name it gives (text of Population, '' when absent); -1 if not a mapping. */
  nameOf: Int32Array;
  /** The population names, by number. */
  names: string[];
  /** How many devices give each name (none for '', which names nothing). */
  countOf: Map<string, number>;
}

export function inventoryOf(data: unknown): Inventory {
  const found = isMapLike(data) ? data.devices : undefined;
  const items: unknown[] = Array.isArray(found) ? found : [];
  const nameOf = new Int32Array(items.length);
  const names: string[] = [];
  const numberOf = new Map<string, number>();
  const counts: number[] = [];
  let aligned = true;
  for (let index = 0; index < items.length; index++) {
    const raw = items[index];
    if (!isMapLike(raw)) {
      aligned = false;
      nameOf[index] = -1;
      continue;
    }
    const name = text(raw.Population ?? '');
    let n = numberOf.get(name);
    if (n === undefined) {
      n = names.length;
      names.push(name);
      counts.push(0);
      numberOf.set(name, n);
    }
    nameOf[index] = n;
    counts[n]!++;
  }
  // An empty name names no population, as in linking (byKey).
  return { items, aligned, nameOf, names, countOf: new Map(names.map((name, n) => [name, name ? counts[n]! : 0])) };
}

/**
 * Inventories can hold hundreds of thousands of devices: each is derived in one step from the export's own object
 * (the same keys and values as a copy of it, then the facts), without an intermediate copy.
 */
export function buildDevices(inventory: Inventory, populationByName: Map<string, Population>): Device[] {
  const devices: Device[] = [];
  const { items, aligned, nameOf } = inventory;
  // When every device is a mapping, devices[i] is the export's devices[i]: the elements share one prototype that says
  // so (no tag on each of them); otherwise each element records its own index.
  const devicePrototype = aligned ? listPrototype(CEL_MAP_PROTOTYPE, devices, ['devices']) : CEL_MAP_PROTOTYPE;
  const populationOf = inventory.names.map((name) => populationByName.get(name));
  const Device = constructorOf(devicePrototype);
  // An inventory can hold hundreds of thousands of devices, so this loop is written for speed: fields are copied in
  // one Object.assign (no prototype in the model has a `__proto__` setter, so that key is copied like any other) and
  // only values CEL sees differently are converted; the inherited facts are read by name, not through a list of keys.
  for (let index = 0; index < items.length; index++) {
    const raw = items[index];
    // list(exp.devices) would skip what is not a mapping; the index stays the device's own.
    if (!isMapLike(raw)) continue;
    const element = Object.assign(new Device(), raw);
    if (!aligned) setOrigin(element, ['devices', index]);
    for (const key in raw) {
      const value = raw[key];
      if (typeof value !== 'string' && typeof value !== 'boolean' && Object.prototype.hasOwnProperty.call(raw, key))
        setKey(element, key, toCelChild(value, element));
    }
    const population = populationOf[nameOf[index]!];
    if (population) {
      element.population = population;
      // What the device does not state (or states as null) of these four facts, it takes from its population.
      if (element.OperatingSystem == null && population.OperatingSystem !== undefined)
        element.OperatingSystem = population.OperatingSystem;
      if (element.OsVersion == null && population.OsVersion !== undefined) element.OsVersion = population.OsVersion;
      if (element.Identity == null && population.Identity !== undefined) element.Identity = population.Identity;
      if (element.Network == null && population.Network !== undefined) element.Network = population.Network;
    }
    element.auth = Array.isArray(element.Authentication)
      ? textList(element.Authentication)
      : ((population?.auth as string[]) ?? []);
    element.usesCmg = population?.usesCmg === true;
    devices.push(element);
  }
  return devices;
}

/**
 * A constructor of empty objects with this prototype: what Object.create(prototype) gives, made faster to fill. V8
 * keeps the properties of the objects a constructor makes inside them, with room sized from the first few it makes;
 * Object.create's objects have room for four and put the rest in an array of their own, grown as keys are added. A
 * device has four to ten: building 100,000 took about a third less time and left less garbage to collect.
 */
function constructorOf(prototype: object): new () => Device {
  const make = function () {} as unknown as { new (): Device; prototype: object };
  make.prototype = prototype;
  return make;
}

/** A list's items as text: the list itself when they all are (nothing in the model changes a list). */
function textList(items: CelValue[]): string[] {
  for (const item of items) if (typeof item !== 'string') return items.map(text);
  return items as string[];
}
