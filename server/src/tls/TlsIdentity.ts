import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AsnConvert } from '@peculiar/asn1-schema';
import { id_ce_nameConstraints, NameConstraints as AsnNameConstraints } from '@peculiar/asn1-x509';
import * as x509 from './x509';
import type { Logger } from '../logger';
import { createAuthority, issueServerCertificate, type KeyAndCertificate } from './certificates';
import { bridgeNames, constraintsFor, isCovered, needsReissue, type CertificateName, type NameConstraints } from './names';

export interface TlsSettings {
  dataDir: string;
  /** The host of PUBLIC_URL. */
  publicHost: string;
  announcedIp: string | undefined;
  extraNames: string[];
  /** The province's own certificate and key (PEM files), used instead of the bridge's CA. */
  certFile: string | undefined;
  keyFile: string | undefined;
}

/** What https.Server#setSecureContext takes. */
export interface SecureContextMaterial {
  key: string;
  /** The server certificate followed by its issuer, so clients that trust the CA can build the chain. */
  cert: string;
}

export interface TlsInfo {
  source: 'bridge-ca' | 'files';
  /** SHA-256 of the CA certificate (bridge-ca) or of the server certificate (files), colon-separated hex. */
  fingerprint256: string;
  caValidTo: Date | undefined;
  names: CertificateName[];
  validTo: Date;
  /** Names the CA's constraints do not cover: Chromium refuses them until the CA is created anew. */
  uncovered: CertificateName[];
}

/**
 * The bridge's TLS identity: its own certificate authority (created on first start, kept in the data
 * directory) and a server certificate for the bridge's current names, re-issued before it expires or when
 * the names change; or the province's own certificate, re-read when its files change.
 */
export class TlsIdentity {
  private filesStamp = '';

  private constructor(
    private readonly settings: TlsSettings,
    private readonly now: () => Date,
    private readonly logger: Logger | undefined,
    private authority: KeyAndCertificate | undefined,
    private server: KeyAndCertificate,
  ) {}

  static async load(settings: TlsSettings, now: () => Date = () => new Date(), logger?: Logger): Promise<TlsIdentity> {
    if (settings.certFile && settings.keyFile) {
      const identity = new TlsIdentity(settings, now, logger, undefined, readProvinceFiles(settings.certFile, settings.keyFile));
      identity.filesStamp = stampOf(settings.certFile, settings.keyFile);
      return identity;
    }
    const directory = path.join(settings.dataDir, 'tls');
    fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
    const names = currentNames(settings);
    let authority = readPair(directory, 'ca');
    if (!authority) {
      authority = await createAuthority(`diemcau CA ${os.hostname()}`, constraintsFor(names), now());
      writePair(directory, 'ca', authority);
      logger?.info({ fingerprint: fingerprintOf(authority.certPem) }, 'created the bridge certificate authority');
    }
    let server = readPair(directory, 'server');
    if (!server) {
      server = await issueServerCertificate(authority, names, now());
      writePair(directory, 'server', server);
    }
    const identity = new TlsIdentity(settings, now, logger, authority, server);
    await identity.refresh();
    return identity;
  }

  get material(): SecureContextMaterial {
    return { key: this.server.keyPem, cert: this.authority ? `${this.server.certPem.trim()}\n${this.authority.certPem}` : this.server.certPem };
  }

  /** The CA certificate (PEM) room PCs import; undefined with the province's own certificate. */
  get caCertificate(): string | undefined {
    return this.authority?.certPem;
  }

  get info(): TlsInfo {
    const server = new crypto.X509Certificate(this.server.certPem);
    const names = namesOf(server);
    if (!this.authority) {
      return { source: 'files', fingerprint256: server.fingerprint256, caValidTo: undefined, names, validTo: new Date(server.validTo), uncovered: [] };
    }
    const ca = new crypto.X509Certificate(this.authority.certPem);
    const constraints = constraintsOf(this.authority.certPem);
    return {
      source: 'bridge-ca',
      fingerprint256: ca.fingerprint256,
      caValidTo: new Date(ca.validTo),
      names,
      validTo: new Date(server.validTo),
      uncovered: constraints ? names.filter((name) => !isCovered(name, constraints)) : [],
    };
  }

  /**
   * Re-issues the server certificate when due (or re-reads the province's files when they changed).
   * Returns whether the material changed.
   */
  async refresh(): Promise<boolean> {
    const { certFile, keyFile } = this.settings;
    if (certFile && keyFile) {
      const stamp = stampOf(certFile, keyFile);
      if (stamp === this.filesStamp) return false;
      this.server = readProvinceFiles(certFile, keyFile);
      this.filesStamp = stamp;
      this.logger?.info({ certFile }, 're-read the TLS certificate files');
      return true;
    }
    const authority = this.authority!;
    const wanted = currentNames(this.settings);
    const current = new crypto.X509Certificate(this.server.certPem);
    const issuedByAuthority = current.checkIssued(new crypto.X509Certificate(authority.certPem));
    if (issuedByAuthority && !needsReissue({ names: namesOf(current), notAfter: new Date(current.validTo) }, wanted, this.now())) return false;
    this.server = await issueServerCertificate(authority, wanted, this.now());
    writePair(path.join(this.settings.dataDir, 'tls'), 'server', this.server);
    const { uncovered, validTo } = this.info;
    this.logger?.info({ names: wanted.map((name) => name.value), validTo }, 'issued a new server certificate');
    if (uncovered.length > 0) {
      this.logger?.warn(
        { uncovered: uncovered.map((name) => name.value) },
        'the bridge CA is not constrained to these names: browsers refuse them (create the CA anew: see README, HTTPS)',
      );
    }
    return true;
  }
}

function currentNames(settings: TlsSettings): CertificateName[] {
  return bridgeNames({ publicHost: settings.publicHost, announcedIp: settings.announcedIp, hostname: os.hostname(), extraNames: settings.extraNames });
}

/** subjectAltName as Node prints it: "DNS:a, IP Address:10.0.0.1". */
function namesOf(certificate: crypto.X509Certificate): CertificateName[] {
  return (certificate.subjectAltName ?? '')
    .split(', ')
    .filter(Boolean)
    .map((entry): CertificateName => {
      const [kind, ...rest] = entry.split(':');
      return { type: kind === 'IP Address' ? 'ip' : 'dns', value: rest.join(':').toLowerCase() };
    });
}

function constraintsOf(caPem: string): NameConstraints | undefined {
  const extension = new x509.X509Certificate(caPem).getExtension(id_ce_nameConstraints);
  if (!extension) return undefined;
  const parsed = AsnConvert.parse(extension.value, AsnNameConstraints);
  const bases = (parsed.permittedSubtrees ?? []).map((subtree) => subtree.base);
  return {
    dns: bases.flatMap((base) => (base.dNSName ? [base.dNSName] : [])),
    ip: bases.flatMap((base) => (base.iPAddress ? [base.iPAddress] : [])),
  };
}

function fingerprintOf(certPem: string): string {
  return new crypto.X509Certificate(certPem).fingerprint256;
}

function readPair(directory: string, base: string): KeyAndCertificate | undefined {
  const keyFile = path.join(directory, `${base}.key`);
  const certFile = path.join(directory, `${base}.crt`);
  if (!fs.existsSync(keyFile) || !fs.existsSync(certFile)) return undefined;
  return { keyPem: fs.readFileSync(keyFile, 'utf8'), certPem: fs.readFileSync(certFile, 'utf8') };
}

/** Key first and mode 600; each file replaced whole (rename), so a crash never leaves half a key. */
function writePair(directory: string, base: string, pair: KeyAndCertificate): void {
  writeAtomically(path.join(directory, `${base}.key`), pair.keyPem, 0o600);
  writeAtomically(path.join(directory, `${base}.crt`), pair.certPem, 0o644);
}

function writeAtomically(file: string, content: string, mode: number): void {
  const temporary = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content, { mode });
  fs.chmodSync(temporary, mode);
  fs.renameSync(temporary, file);
}

function readProvinceFiles(certFile: string, keyFile: string): KeyAndCertificate {
  const certPem = fs.readFileSync(certFile, 'utf8');
  const keyPem = fs.readFileSync(keyFile, 'utf8');
  const certificate = new crypto.X509Certificate(certPem);
  if (!certificate.checkPrivateKey(crypto.createPrivateKey(keyPem))) {
    throw new Error(`TLS_KEY_FILE ${keyFile} is not the key of the certificate in TLS_CERT_FILE ${certFile}`);
  }
  return { keyPem, certPem };
}

function stampOf(...files: string[]): string {
  return files.map((file) => fs.statSync(file).mtimeMs).join(':');
}
