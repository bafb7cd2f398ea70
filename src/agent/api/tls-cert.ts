// Makes the API's self-signed certificate (RSA 2048, SHA-256, valid ten years). Node has no X.509
// writer: node-forge (pure JS, no dependencies, no install script) builds and signs the certificate;
// the key pair comes from node:crypto (native, fast). openssl was not used: Windows Server does not
// ship it, and the certificate must be made the same way on both platforms.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import forge from 'node-forge';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { certificateFingerprint } from './tls.js';

export interface ApiCertificate {
  cert: string;
  key: string;
}

export interface CertSubject {
  cluster: string;
  /** Host names and addresses the certificate names (subjectAltName); informative: clients pin, not verify names. */
  names: string[];
  addresses: string[];
}

const tenYearsMs = 10 * 365 * 24 * 3600 * 1000;

/** A fresh self-signed server certificate and its private key, both PEM. */
export function makeSelfSignedCertificate(subject: CertSubject, now: Date = new Date()): ApiCertificate {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey);
  // A positive serial: the first byte's top bit clear.
  cert.serialNumber = '01' + randomBytes(15).toString('hex');
  cert.validity.notBefore = new Date(now.getTime() - 3600_000);
  cert.validity.notAfter = new Date(now.getTime() + tenYearsMs);
  const attrs = [
    { name: 'commonName', value: `roseha ${subject.cluster}` },
    { name: 'organizationName', value: 'roseha' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
    { name: 'extKeyUsage', serverAuth: true },
    {
      name: 'subjectAltName',
      altNames: [...subject.names.map((value) => ({ type: 2, value })), ...subject.addresses.map((ip) => ({ type: 7, ip }))],
    },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(privateKey), forge.md.sha256.create());
  return { cert: forge.pki.certificateToPem(cert), key: privateKey };
}

export interface EnsureResult {
  certCreated: boolean;
  tokenCreated: boolean;
  fingerprint: string;
}

/**
 * Creates the certificate, its key (0600) and the token (0600) where missing; never replaces one
 * that exists (the other node and the operators' known_hosts already trust it).
 */
export function ensureApiCredentials(paths: { cert: string; key: string; token: string }, subject: CertSubject): EnsureResult {
  let certCreated = false;
  if (!existsSync(paths.cert) || !existsSync(paths.key)) {
    const made = makeSelfSignedCertificate(subject);
    writeFileAtomic(paths.key, made.key, 0o600);
    writeFileAtomic(paths.cert, made.cert, 0o644);
    certCreated = true;
  }
  let tokenCreated = false;
  if (!existsSync(paths.token)) {
    writeFileAtomic(paths.token, randomBytes(32).toString('base64url') + '\n', 0o600);
    tokenCreated = true;
  }
  return { certCreated, tokenCreated, fingerprint: certificateFingerprint(readFileSync(paths.cert, 'utf8')) };
}
