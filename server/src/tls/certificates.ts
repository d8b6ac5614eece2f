import crypto from 'node:crypto';
import { AsnConvert } from '@peculiar/asn1-schema';
import { GeneralName, GeneralSubtree, GeneralSubtrees, id_ce_nameConstraints, NameConstraints as AsnNameConstraints } from '@peculiar/asn1-x509';
import * as x509 from './x509';
import type { CertificateName, NameConstraints } from './names';

const P256 = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 3_600_000;
const CA_VALID_DAYS = 3653;
/** Short enough that a lost key soon stops mattering; the bridge renews it by itself. */
const SERVER_VALID_DAYS = 90;

export interface KeyAndCertificate {
  /** PKCS#8 PEM. */
  keyPem: string;
  certPem: string;
}

/** A new self-signed P-256 authority, constrained to the bridge's names (Chromium enforces this for local roots). */
export async function createAuthority(commonName: string, constraints: NameConstraints, now: Date): Promise<KeyAndCertificate> {
  const keys = await crypto.webcrypto.subtle.generateKey(P256, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(),
    name: `CN=${escapeDn(commonName)}, O=diemcau`,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + CA_VALID_DAYS * DAY_MS),
    signingAlgorithm: SIGNING,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      nameConstraintsExtension(constraints),
    ],
  });
  return { keyPem: await privateKeyPem(keys.privateKey), certPem: certificate.toString('pem') };
}

/** A server certificate for the names, signed by the authority. */
export async function issueServerCertificate(authority: KeyAndCertificate, names: readonly CertificateName[], now: Date): Promise<KeyAndCertificate> {
  const caCertificate = new x509.X509Certificate(authority.certPem);
  const caKey = await crypto.webcrypto.subtle.importKey('pkcs8', pemBody(authority.keyPem), P256, false, ['sign']);
  const keys = await crypto.webcrypto.subtle.generateKey(P256, true, ['sign', 'verify']);
  const certificate = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: `CN=${escapeDn(names[0]?.value ?? 'diemcau')}`,
    issuer: caCertificate.subject,
    notBefore: new Date(now.getTime() - DAY_MS),
    notAfter: new Date(now.getTime() + SERVER_VALID_DAYS * DAY_MS),
    signingAlgorithm: SIGNING,
    publicKey: keys.publicKey,
    signingKey: caKey,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
      new x509.SubjectAlternativeNameExtension(names.map((name) => ({ type: name.type, value: name.value }))),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      await x509.AuthorityKeyIdentifierExtension.create(caCertificate.publicKey),
    ],
  });
  return { keyPem: await privateKeyPem(keys.privateKey), certPem: certificate.toString('pem') };
}

function nameConstraintsExtension(constraints: NameConstraints): x509.Extension {
  const permitted = new GeneralSubtrees([
    ...constraints.dns.map((dNSName) => new GeneralSubtree({ base: new GeneralName({ dNSName }) })),
    ...constraints.ip.map((iPAddress) => new GeneralSubtree({ base: new GeneralName({ iPAddress }) })),
  ]);
  const value = AsnConvert.serialize(new AsnNameConstraints({ permittedSubtrees: permitted }));
  return new x509.Extension(id_ce_nameConstraints, true, value);
}

async function privateKeyPem(key: crypto.webcrypto.CryptoKey): Promise<string> {
  const der = Buffer.from(await crypto.webcrypto.subtle.exportKey('pkcs8', key));
  return crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8' }).export({ format: 'pem', type: 'pkcs8' }).toString();
}

function pemBody(pem: string): Buffer {
  return crypto.createPrivateKey(pem).export({ format: 'der', type: 'pkcs8' });
}

/** Positive 128-bit serial (the high bit cleared keeps the DER integer positive). */
function randomSerial(): string {
  const bytes = crypto.randomBytes(16);
  bytes[0]! &= 0x7f;
  return bytes.toString('hex');
}

function escapeDn(value: string): string {
  return value.replace(/([,+"\\<>;=])/g, '\\$1');
}
