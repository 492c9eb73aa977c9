import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { ManagedPolicy, readManagedPolicy } from '../../src/shared/preferences/managed-policy';

/**
 * The ready-to-use policy files that docs/organisations.md links (docs/organisations/): each parses in its
 * own format, hands the extension a policy the schema takes whole, installs from the right store, and the
 * managed schema Chrome and Edge read names exactly the policy's keys.
 */

const folder = 'docs/organisations';
const files = readdirSync(folder).sort();
const read = (name: string) => readFileSync(join(folder, name), 'utf8');
const schema = JSON.parse(readFileSync('public/managed_schema.json', 'utf8')) as {
  type: string;
  additionalProperties?: unknown;
  properties: Record<string, { type: string; items?: { type: string } }>;
};
const geckoId = /id: '([^']+)'/.exec(readFileSync('vite.config.ts', 'utf8'))![1]!;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Deployment = { policy: Record<string, Json>; install: { id: string; settings: Record<string, Json> } };

const stores = {
  chrome: { update_url: 'https://clients2.google.com/service/update2/crx' },
  edge: { update_url: 'https://edge.microsoft.com/extensionwebstorebase/v1/crx' },
  firefox: { install_url: `https://addons.mozilla.org/firefox/downloads/latest/${geckoId}/latest.xpi` },
};
const placeholders = { chrome: 'CHROME_WEB_STORE_ID', edge: 'EDGE_ADD_ONS_ID', firefox: geckoId };

/** The one entry of a map keyed by extension id. */
function only(map: Json | undefined): [string, Record<string, Json>] {
  const entries = Object.entries(map as Record<string, Record<string, Json>>);
  expect(entries).toHaveLength(1);
  return entries[0]!;
}

/** Apple's property-list XML, as far as configuration profiles use it. */
function parsePlist(xml: string): Json {
  const tokens = [...xml.replace(/<\?xml[^>]*>|<!DOCTYPE[^>]*>/g, '').matchAll(/<(\/?)(\w+)(\/?)>([^<]*)/g)];
  let at = 0;
  const unescape = (text: string) => text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
  function value(): Json {
    const [, , tag, , text] = tokens[at++]!;
    if (tag === 'plist') return value();
    if (tag === 'true' || tag === 'false') return tag === 'true';
    if (tag === 'string') return at++, unescape(text!);
    if (tag === 'integer') return at++, Number(text);
    const collected: Json[] = [];
    const dict: Record<string, Json> = {};
    while (tokens[at]![1] !== '/') {
      if (tag === 'dict') {
        const key = unescape(tokens[at]![4]!);
        at += 2;
        dict[key] = value();
      } else collected.push(value());
    }
    at++;
    return tag === 'dict' ? dict : collected;
  }
  return value();
}

/** A .reg file: each key's values, strings unescaped and DWORDs as numbers. */
function parseReg(text: string): Map<string, Record<string, string | number>> {
  const keys = new Map<string, Record<string, string | number>>();
  let current: Record<string, string | number> = {};
  for (const line of text.split(/\r\n/)) {
    const section = /^\[(.+)\]$/.exec(line);
    const entry = /^"((?:[^"\\]|\\.)*)"=(?:"((?:[^"\\]|\\.)*)"|dword:([0-9a-f]{8}))$/.exec(line);
    if (section) keys.set(section[1]!, (current = {}));
    else if (entry) current[entry[1]!] = entry[3] === undefined ? entry[2]!.replace(/\\(.)/g, '$1') : Number.parseInt(entry[3], 16);
    else expect(line === '' || line === 'Windows Registry Editor Version 5.00', `unreadable line: ${line}`).toBe(true);
  }
  expect(text.startsWith('Windows Registry Editor Version 5.00\r\n')).toBe(true);
  return keys;
}

/** Chrome's registry reading: a DWORD becomes the schema's boolean or integer, a subkey of "1", "2", … a list. */
function chromeRegistryPolicy(keys: Map<string, Record<string, string | number>>, policyKey: string): Record<string, Json> {
  const policy: Record<string, Json> = {};
  for (const [name, value] of Object.entries(keys.get(policyKey)!)) policy[name] = schema.properties[name]?.type === 'boolean' ? value === 1 : value;
  for (const [path, values] of keys) {
    if (path.startsWith(`${policyKey}\\`)) policy[path.slice(policyKey.length + 1)] = Object.keys(values).sort((a, b) => Number(a) - Number(b)).map((index) => values[index]!);
  }
  return policy;
}

function deployment(name: string): Deployment {
  const text = read(name);
  if (name === 'firefox-policies.json') {
    const { policies } = JSON.parse(text) as { policies: Record<string, Record<string, Json>> };
    const [id, settings] = only(policies.ExtensionSettings);
    return { install: { id, settings }, policy: only(policies['3rdparty']!.Extensions)[1] };
  }
  if (name.endsWith('.json')) {
    const parsed = JSON.parse(text) as Record<string, Record<string, Json>>;
    const [id, settings] = only(parsed.ExtensionSettings);
    return { install: { id, settings }, policy: only(parsed['3rdparty']!.extensions)[1] };
  }
  if (name.endsWith('.reg')) {
    const keys = parseReg(text);
    const root = [...keys.keys()][0]!;
    const [id, settings] = only(JSON.parse(keys.get(root)!.ExtensionSettings as string) as Json);
    // Firefox takes an add-on's whole policy as one JSON string.
    if (name.startsWith('firefox')) {
      const [id3rdparty, policyText] = only(keys.get(`${root}\\3rdparty\\Extensions`) as Json);
      expect(id3rdparty).toBe(id);
      return { install: { id, settings }, policy: JSON.parse(policyText as unknown as string) as Record<string, Json> };
    }
    return { install: { id, settings }, policy: chromeRegistryPolicy(keys, `${root}\\3rdparty\\extensions\\${id}\\policy`) };
  }
  const profile = parsePlist(text) as { PayloadType: string; PayloadContent: Array<Record<string, Json>> };
  expect(profile.PayloadType).toBe('Configuration');
  const withoutPayloadKeys = (payload: Record<string, Json>) => Object.fromEntries(Object.entries(payload).filter(([key]) => !key.startsWith('Payload')));
  if (name.startsWith('firefox')) {
    const [payload] = profile.PayloadContent;
    expect([payload!.PayloadType, payload!.EnterprisePoliciesEnabled]).toEqual(['org.mozilla.firefox', true]);
    const [id, settings] = only(payload!.ExtensionSettings);
    return { install: { id, settings }, policy: only((payload!['3rdparty'] as Record<string, Json>).Extensions)[1] };
  }
  const [install, policy] = profile.PayloadContent;
  const [id, settings] = only(install!.ExtensionSettings);
  expect(policy!.PayloadType).toBe(`${install!.PayloadType as string}.extensions.${id}`);
  return { install: { id, settings }, policy: withoutPayloadKeys(policy!) };
}

describe('the example policy files for organisations', () => {
  it('has one file per browser and system, each linked from docs/organisations.md', () => {
    expect(files).toEqual([
      'chrome-linux.json', 'chrome-macos.mobileconfig', 'chrome-windows.reg',
      'edge-linux.json', 'edge-macos.mobileconfig', 'edge-windows.reg',
      'firefox-macos.mobileconfig', 'firefox-policies.json', 'firefox-windows.reg',
    ]);
    const doc = readFileSync('docs/organisations.md', 'utf8');
    expect(files.filter((name) => !doc.includes(`(organisations/${name})`))).toEqual([]);
  });

  it.each(files)('%s hands the extension a policy read whole, with nothing ignored, the same in every file', (name) => {
    const { policy } = deployment(name);
    expect(readManagedPolicy(policy).ignored).toEqual([]);
    expect(z.partial(ManagedPolicy).safeParse(policy).success).toBe(true);
    expect(policy).toEqual(deployment('chrome-linux.json').policy);
    for (const [key, value] of Object.entries(policy)) {
      const type = schema.properties[key]!.type;
      expect([key, Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value]).toEqual([key, type]);
    }
  });

  it.each(files)('%s force-installs from its browser\'s store, under the id placeholder the doc explains', (name) => {
    const browser = name.split('-')[0] as keyof typeof stores;
    const { install } = deployment(name);
    expect(install).toEqual({ id: placeholders[browser], settings: { installation_mode: 'force_installed', ...stores[browser] } });
  });
});

describe('the managed schema Chrome and Edge read', () => {
  it('is an object of exactly the policy\'s keys, each with one type, as Chrome requires', () => {
    expect(schema.type).toBe('object');
    expect(schema.additionalProperties).toBeUndefined();
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(ManagedPolicy.def.shape).sort());
    const zodTypes = { boolean: 'boolean', number: 'integer', string: 'string', array: 'array' } as const;
    for (const [key, property] of Object.entries(schema.properties)) {
      const zodType = ManagedPolicy.def.shape[key as keyof typeof ManagedPolicy.def.shape].def.type as keyof typeof zodTypes;
      expect([key, property.type]).toEqual([key, zodTypes[zodType]]);
    }
    expect(schema.properties.chosenSettings!.items).toEqual({ type: 'string' });
  });

  it('ships in the Chrome build only: Firefox reads the same keys without a schema', () => {
    const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as { storage?: { managed_schema?: string } };
    expect(manifest.storage?.managed_schema).toBe('managed_schema.json');
    expect(readFileSync('vite.config.ts', 'utf8')).toMatch(/delete sharedManifest\.storage/);
  });
});
