import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { readZip, writeZip } from '../tools/zip';

/**
 * The zips must not depend on the machine that writes them: the Firefox zip is rebuilt by addons.mozilla.org's
 * reviewers from the source archive, byte for byte, with whatever Node they have.
 */

/** sha256 of `writeZip(entries)`, recorded from the first run with fflate 0.8.3 (Node 20.20.2). */
const DIGEST = '9361f9992fbeb87a842d90d1a35e7fd56cd0138aa48bf15b1fb68793c99db260';

const entries = [
  { name: 'manifest.json', data: Buffer.from(JSON.stringify({ name: 'x', version: '1.1.0' }, null, 2).repeat(20)) },
  { name: '_locales/de/messages.json', data: Buffer.from('{"extensionName":{"message":"KI-Training-Widerspruch für LinkedIn"}}'.repeat(30)) },
  { name: 'icons/icon-16.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
];

describe('writeZip', () => {
  it('reads back every entry as written, deflated where that is smaller and stored where it is not', () => {
    const zip = writeZip(entries);
    const read = readZip(zip);
    expect([...read.keys()]).toEqual(['_locales/de/messages.json', 'icons/icon-16.png', 'manifest.json']);
    for (const entry of entries) expect(read.get(entry.name)!().equals(entry.data), entry.name).toBe(true);
    expect(zip.length).toBeLessThan(entries.reduce((sum, entry) => sum + entry.data.length, 0));
  });

  it('writes the same bytes whatever order the files come in', () => {
    expect(writeZip([...entries].reverse()).equals(writeZip(entries))).toBe(true);
  });

  it('writes the bytes recorded with fflate 0.8.3 (no Node zlib on the way)', () => {
    // Holds the deflate itself still: a different compressor, level or version changes this digest.
    expect(createHash('sha256').update(writeZip(entries)).digest('hex')).toBe(DIGEST);
  });
});
