// The emulator's TLS material: a private CA and one leaf certificate for every Microsoft host it answers for.
// Cached under `.cache/emulator/` so the CA file path (what NODE_EXTRA_CA_CERTS points at) stays stable across runs
// and processes. ECDSA P-256 through WebCrypto: generating both certificates takes a few milliseconds.
import { createHash, createPrivateKey, webcrypto, X509Certificate as NodeX509 } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

type X509Module = typeof import('@peculiar/x509');

/** @peculiar/x509 resolves its algorithm providers through tsyringe, which needs the reflect-metadata polyfill. */
let x509Loading: Promise<X509Module> | undefined;
export function loadX509(): Promise<X509Module> {
  return (x509Loading ??= import('reflect-metadata').then(() => import('@peculiar/x509')));
}

/** Host names the leaf certificate covers (browsers reach the emulator under Microsoft's real names). */
export const LEAF_DNS_NAMES = ['login.microsoftonline.com', 'graph.microsoft.com', 'myapps.microsoft.com', 'localhost'] as const;
export const LEAF_IP_ADDRESSES = ['127.0.0.1'] as const;

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_CERT_DIR = join(REPO_ROOT, '.cache', 'emulator');

/** Regenerate when the leaf has less than this left, so a long test run never crosses an expiry. */
const MIN_REMAINING_MS = 7 * 24 * 3600_000;
const BUNDLE_FILE = 'tls-bundle.json';
const CA_FILE = 'ca.pem';

export interface EmulatorTls {
  caCertPath: string;
  caCertPem: string;
  leafCertPem: string;
  leafKeyPem: string;
  /** base64 SHA-256 of the leaf's SubjectPublicKeyInfo (Chromium's --ignore-certificate-errors-spki-list). */
  spki: string;
}

interface Bundle {
  caCertPem: string;
  leafCertPem: string;
  leafKeyPem: string;
}

const crypto = webcrypto as unknown as Crypto;
const EC_ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;

async function exportPkcs8Pem(key: CryptoKey): Promise<string> {
  const der = await crypto.subtle.exportKey('pkcs8', key);
  const b64 = Buffer.from(der).toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
}

async function generateBundle(now: Date): Promise<Bundle> {
  const x509 = await loadX509();
  const caKeys = (await crypto.subtle.generateKey(EC_ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const leafKeys = (await crypto.subtle.generateKey(EC_ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
  const notBefore = new Date(now.getTime() - 3600_000); // tolerate small clock differences between processes
  const caName = 'CN=guestpass Entra emulator local CA, O=guestpass tests';
  const ca = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: caName,
      keys: caKeys,
      notBefore,
      notAfter: new Date(now.getTime() + 5 * 365 * 24 * 3600_000),
      signingAlgorithm: EC_ALG,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  const leaf = await x509.X509CertificateGenerator.create(
    {
      subject: 'CN=login.microsoftonline.com',
      issuer: ca.subject,
      publicKey: leafKeys.publicKey,
      signingKey: caKeys.privateKey,
      notBefore,
      // Under 398 days, the longest validity browsers accept for a server certificate.
      notAfter: new Date(now.getTime() + 390 * 24 * 3600_000),
      signingAlgorithm: EC_ALG,
      extensions: [
        new x509.BasicConstraintsExtension(false, undefined, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([
          ...LEAF_DNS_NAMES.map((value) => ({ type: 'dns' as const, value })),
          ...LEAF_IP_ADDRESSES.map((value) => ({ type: 'ip' as const, value })),
        ]),
        await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey, false, crypto),
      ],
    },
    crypto,
  );
  return {
    caCertPem: ca.toString('pem') + '\n',
    leafCertPem: leaf.toString('pem') + '\n',
    leafKeyPem: await exportPkcs8Pem(leafKeys.privateKey),
  };
}

/** A bundle is usable when it parses, the leaf chains to the CA, and the leaf is valid for a while yet. */
function isUsable(bundle: Bundle, now: Date): boolean {
  try {
    const ca = new NodeX509(bundle.caCertPem);
    const leaf = new NodeX509(bundle.leafCertPem);
    if (!leaf.checkIssued(ca) || !leaf.verify(ca.publicKey)) return false;
    if (!leaf.checkPrivateKey(createPrivateKey(bundle.leafKeyPem))) return false;
    const validTo = new Date(leaf.validTo).getTime();
    const validFrom = new Date(leaf.validFrom).getTime();
    return validFrom <= now.getTime() && validTo - now.getTime() > MIN_REMAINING_MS && new Date(ca.validTo).getTime() > validTo;
  } catch {
    return false;
  }
}

function readBundle(path: string): Bundle | undefined {
  try {
    const parsed = JSON.parse(readFileSync(path, 'utf8')) as Partial<Bundle>;
    if (typeof parsed.caCertPem === 'string' && typeof parsed.leafCertPem === 'string' && typeof parsed.leafKeyPem === 'string') {
      return parsed as Bundle;
    }
  } catch {
    // missing or corrupt: regenerate
  }
  return undefined;
}

function tempName(path: string): string {
  return `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
}

/** Write atomically: readers see either the old file or the complete new one. */
function writeAtomically(path: string, content: string, mode: number): void {
  const tmp = tempName(path);
  writeFileSync(tmp, content, { mode });
  renameSync(tmp, path);
}

/**
 * Publish a new bundle only if no one else has: `link` fails with EEXIST when the name is taken, so two processes
 * racing here end up using the same bundle (the winner's) rather than each its own CA.
 */
function publishBundle(path: string, bundle: Bundle): void {
  publishOnce(path, JSON.stringify(bundle));
}

/** Create `path` with `content` unless it already exists (then keep the existing one). Atomic, race-safe. */
export function publishOnce(path: string, content: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempName(path);
  writeFileSync(tmp, content, { mode: 0o600 });
  try {
    linkSync(tmp, path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(tmp);
  }
}

export function spkiOf(certPem: string): string {
  const spkiDer = new NodeX509(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spkiDer).digest('base64');
}

/** Load the cached CA + leaf, creating or replacing them when missing, expiring or corrupt. */
export async function ensureEmulatorTls(options: { dir?: string; now?: () => Date } = {}): Promise<EmulatorTls> {
  const dir = options.dir ?? DEFAULT_CERT_DIR;
  const now = options.now?.() ?? new Date();
  mkdirSync(dir, { recursive: true });
  const bundlePath = join(dir, BUNDLE_FILE);
  const caCertPath = join(dir, CA_FILE);

  let bundle = readBundle(bundlePath);
  for (let attempt = 0; !bundle || !isUsable(bundle, now); attempt++) {
    if (attempt >= 3) throw new Error(`could not create usable emulator certificates in ${dir}`);
    if (existsSync(bundlePath)) {
      // Stale, unreadable or broken: move it aside atomically (another process may be doing the same; either wins).
      try {
        const aside = tempName(bundlePath);
        renameSync(bundlePath, aside);
        unlinkSync(aside);
      } catch {
        // already moved by someone else
      }
    }
    publishBundle(bundlePath, await generateBundle(now));
    bundle = readBundle(bundlePath);
  }

  // ca.pem mirrors the bundle's CA; rewrite it only when it differs, atomically.
  const currentCa = existsSync(caCertPath) ? readFileSync(caCertPath, 'utf8') : '';
  if (currentCa !== bundle.caCertPem) writeAtomically(caCertPath, bundle.caCertPem, 0o644); // a public certificate

  return {
    caCertPath,
    caCertPem: bundle.caCertPem,
    leafCertPem: bundle.leafCertPem,
    leafKeyPem: bundle.leafKeyPem,
    spki: spkiOf(bundle.leafCertPem),
  };
}
