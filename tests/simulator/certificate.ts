// A self-signed certificate for www.linkedin.com, made once with openssl and cached in the OS temp folder.

import { execFile } from 'node:child_process';
import { createHash, createPublicKey } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CACHE_DIR = join(tmpdir(), 'linkedin-simulator-cert-v1');

export interface SimCertificate {
  key: string;
  cert: string;
  /** base64 SHA-256 of the SubjectPublicKeyInfo, as Chromium's --ignore-certificate-errors-spki-list wants it. */
  spki: string;
}

export async function loadCertificate(): Promise<SimCertificate> {
  const bundlePath = join(CACHE_DIR, 'key-and-cert.pem');
  if (!existsSync(bundlePath)) await makeCertificate(bundlePath);
  const bundle = await readFile(bundlePath, 'utf8');
  const key = pemBlock(bundle, 'PRIVATE KEY');
  const cert = pemBlock(bundle, 'CERTIFICATE');
  const spkiDer = createPublicKey(cert).export({ type: 'spki', format: 'der' });
  return { key, cert, spki: createHash('sha256').update(spkiDer).digest('base64') };
}

function pemBlock(pem: string, label: string): string {
  const block = new RegExp(`-----BEGIN ${label}-----[\\s\\S]+?-----END ${label}-----`).exec(pem);
  if (!block) throw new Error(`The cached simulator certificate has no ${label}; delete ${CACHE_DIR}`);
  return `${block[0]}\n`;
}

async function makeCertificate(bundlePath: string): Promise<void> {
  await mkdir(CACHE_DIR, { recursive: true });
  // Key and certificate go into one file renamed at once, so parallel test workers never mix two pairs.
  const work = join(CACHE_DIR, `work-${process.pid}-${Date.now()}`);
  await mkdir(work);
  try {
    await run('openssl', [
      'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '3650',
      '-subj', '/CN=www.linkedin.com',
      '-addext', 'subjectAltName=DNS:www.linkedin.com,DNS:linkedin.com',
      '-keyout', join(work, 'key.pem'), '-out', join(work, 'cert.pem'),
    ]);
    const [key, cert] = await Promise.all([readFile(join(work, 'key.pem'), 'utf8'), readFile(join(work, 'cert.pem'), 'utf8')]);
    await writeFile(join(work, 'bundle.pem'), `${key.trim()}\n${cert.trim()}\n`);
    await rename(join(work, 'bundle.pem'), bundlePath);
  } catch (error) {
    throw new Error(`Could not make the simulator's certificate with openssl (apt-get install -y openssl): ${String(error)}`);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
