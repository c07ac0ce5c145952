// test/emulator/certs.ts
import { createHash, createPrivateKey, webcrypto, X509Certificate as NodeX509 } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
var x509Loading;
function loadX509() {
  return x509Loading ??= import("reflect-metadata").then(() => import("@peculiar/x509"));
}
var LEAF_DNS_NAMES = ["login.microsoftonline.com", "graph.microsoft.com", "myapps.microsoft.com", "localhost"];
var LEAF_IP_ADDRESSES = ["127.0.0.1"];
var REPO_ROOT = resolve(dirname(fileURLToPath("file:///work/main/test/emulator/certs.ts")), "..", "..");
var DEFAULT_CERT_DIR = join(REPO_ROOT, ".cache", "emulator");
var MIN_REMAINING_MS = 7 * 24 * 36e5;
var BUNDLE_FILE = "tls-bundle.json";
var CA_FILE = "ca.pem";
var crypto = webcrypto;
var EC_ALG = { name: "ECDSA", namedCurve: "P-256", hash: "SHA-256" };
async function exportPkcs8Pem(key) {
  const der = await crypto.subtle.exportKey("pkcs8", key);
  const b64 = Buffer.from(der).toString("base64").replace(/(.{64})/g, "$1\n");
  return `-----BEGIN PRIVATE KEY-----
${b64}
-----END PRIVATE KEY-----
`;
}
async function generateBundle(now) {
  const x509 = await loadX509();
  const caKeys = await crypto.subtle.generateKey(EC_ALG, true, ["sign", "verify"]);
  const leafKeys = await crypto.subtle.generateKey(EC_ALG, true, ["sign", "verify"]);
  const notBefore = new Date(now.getTime() - 36e5);
  const caName = "CN=guestpass Entra emulator local CA, O=guestpass tests";
  const ca = await x509.X509CertificateGenerator.createSelfSigned(
    {
      name: caName,
      keys: caKeys,
      notBefore,
      notAfter: new Date(now.getTime() + 5 * 365 * 24 * 36e5),
      signingAlgorithm: EC_ALG,
      extensions: [
        new x509.BasicConstraintsExtension(true, 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
        await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey, false, crypto)
      ]
    },
    crypto
  );
  const leaf = await x509.X509CertificateGenerator.create(
    {
      subject: "CN=login.microsoftonline.com",
      issuer: ca.subject,
      publicKey: leafKeys.publicKey,
      signingKey: caKeys.privateKey,
      notBefore,
      // Under 398 days, the longest validity browsers accept for a server certificate.
      notAfter: new Date(now.getTime() + 390 * 24 * 36e5),
      signingAlgorithm: EC_ALG,
      extensions: [
        new x509.BasicConstraintsExtension(false, void 0, true),
        new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
        new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
        new x509.SubjectAlternativeNameExtension([
          ...LEAF_DNS_NAMES.map((value) => ({ type: "dns", value })),
          ...LEAF_IP_ADDRESSES.map((value) => ({ type: "ip", value }))
        ]),
        await x509.SubjectKeyIdentifierExtension.create(leafKeys.publicKey, false, crypto),
        await x509.AuthorityKeyIdentifierExtension.create(caKeys.publicKey, false, crypto)
      ]
    },
    crypto
  );
  return {
    caCertPem: ca.toString("pem") + "\n",
    leafCertPem: leaf.toString("pem") + "\n",
    leafKeyPem: await exportPkcs8Pem(leafKeys.privateKey)
  };
}
function isUsable(bundle, now) {
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
function readBundle(path) {
  try {
    const parsed = JSON.parse(readFileSync(path, "utf8"));
    if (typeof parsed.caCertPem === "string" && typeof parsed.leafCertPem === "string" && typeof parsed.leafKeyPem === "string") {
      return parsed;
    }
  } catch {
  }
  return void 0;
}
function tempName(path) {
  return `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
}
function writeAtomically(path, content, mode) {
  const tmp = tempName(path);
  writeFileSync(tmp, content, { mode });
  renameSync(tmp, path);
}
function publishBundle(path, bundle) {
  publishOnce(path, JSON.stringify(bundle));
}
function publishOnce(path, content) {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = tempName(path);
  writeFileSync(tmp, content, { mode: 384 });
  try {
    linkSync(tmp, path);
  } catch (error) {
    if (error.code !== "EEXIST") throw error;
  } finally {
    unlinkSync(tmp);
  }
}
function spkiOf(certPem) {
  const spkiDer = new NodeX509(certPem).publicKey.export({ type: "spki", format: "der" });
  return createHash("sha256").update(spkiDer).digest("base64");
}
async function ensureEmulatorTls(options = {}) {
  const dir = options.dir ?? DEFAULT_CERT_DIR;
  const now = options.now?.() ?? /* @__PURE__ */ new Date();
  mkdirSync(dir, { recursive: true });
  const bundlePath = join(dir, BUNDLE_FILE);
  const caCertPath = join(dir, CA_FILE);
  let bundle = readBundle(bundlePath);
  for (let attempt = 0; !bundle || !isUsable(bundle, now); attempt++) {
    if (attempt >= 3) throw new Error(`could not create usable emulator certificates in ${dir}`);
    if (existsSync(bundlePath)) {
      try {
        const aside = tempName(bundlePath);
        renameSync(bundlePath, aside);
        unlinkSync(aside);
      } catch {
      }
    }
    publishBundle(bundlePath, await generateBundle(now));
    bundle = readBundle(bundlePath);
  }
  const currentCa = existsSync(caCertPath) ? readFileSync(caCertPath, "utf8") : "";
  if (currentCa !== bundle.caCertPem) writeAtomically(caCertPath, bundle.caCertPem, 420);
  return {
    caCertPath,
    caCertPem: bundle.caCertPem,
    leafCertPem: bundle.leafCertPem,
    leafKeyPem: bundle.leafKeyPem,
    spki: spkiOf(bundle.leafCertPem)
  };
}

export {
  loadX509,
  LEAF_DNS_NAMES,
  LEAF_IP_ADDRESSES,
  DEFAULT_CERT_DIR,
  publishOnce,
  spkiOf,
  ensureEmulatorTls
};
//# sourceMappingURL=chunk-LHOQIK6G.mjs.map
