import net from 'node:net';

/** A name a certificate is valid for: a DNS name or an IP address, as in subjectAltName. */
export interface CertificateName {
  type: 'dns' | 'ip';
  value: string;
}

export interface NameSources {
  /** The host of PUBLIC_URL. */
  publicHost: string;
  announcedIp: string | undefined;
  hostname: string;
  /** TLS_EXTRA_NAMES. */
  extraNames: readonly string[];
}

/** The names the bridge's server certificate covers: sorted and without repeats, so two lists compare as strings. */
export function bridgeNames({ publicHost, announcedIp, hostname, extraNames }: NameSources): CertificateName[] {
  const values = [publicHost, announcedIp, hostname, 'localhost', ...extraNames]
    .filter((value): value is string => Boolean(value))
    .map((value) =>
      value
        .trim()
        .toLowerCase()
        .replace(/^\[|\]$/g, ''),
    )
    .filter((value) => value.length > 0);
  return [...new Set(values)].sort().map((value) => ({ type: net.isIP(value) ? 'ip' : 'dns', value }));
}

function sameNames(a: readonly CertificateName[], b: readonly CertificateName[]): boolean {
  const key = (names: readonly CertificateName[]) =>
    names
      .map((name) => `${name.type}:${name.value}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}

/** A server certificate is renewed this long before it expires. */
export const RENEW_BEFORE_MS = 30 * 24 * 3_600_000;

/** Whether the bridge must issue a new server certificate: none yet, names changed, or expiry near. */
export function needsReissue(
  current: { names: readonly CertificateName[]; notAfter: Date } | undefined,
  wanted: readonly CertificateName[],
  now: Date,
): boolean {
  if (!current) return true;
  if (!sameNames(current.names, wanted)) return true;
  return current.notAfter.getTime() - now.getTime() < RENEW_BEFORE_MS;
}

/**
 * The private IPv4 ranges: the CA may vouch for any address in them (a bridge's LAN address can change with its
 * network), and for public addresses only when they were the bridge's own at creation.
 */
const PRIVATE_IPV4_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '127.0.0.0/8'] as const;

export interface NameConstraints {
  dns: string[];
  /** CIDR ranges. */
  ip: string[];
}

/** What the CA is constrained to, decided once when it is created from the names the bridge has then. */
export function constraintsFor(names: readonly CertificateName[]): NameConstraints {
  const dns = names.filter((name) => name.type === 'dns').map((name) => name.value);
  const publicIps = names.filter((name) => name.type === 'ip' && !isCovered(name, { dns: [], ip: [...PRIVATE_IPV4_RANGES] }));
  return {
    dns,
    ip: [...PRIVATE_IPV4_RANGES, ...publicIps.map((name) => (net.isIPv6(name.value) ? `${name.value}/128` : `${name.value}/32`))],
  };
}

/** RFC 5280 4.2.1.10: a DNS constraint covers the name and every name below it; an IP one, its range. */
export function isCovered(name: CertificateName, constraints: NameConstraints): boolean {
  if (name.type === 'dns') {
    return constraints.dns.some((permitted) => name.value === permitted || name.value.endsWith(`.${permitted}`));
  }
  return constraints.ip.some((range) => {
    const [network, bits] = range.split('/');
    const family = net.isIPv6(network!) ? 'ipv6' : 'ipv4';
    if (net.isIPv6(name.value) !== (family === 'ipv6')) return false;
    const list = new net.BlockList();
    list.addSubnet(network!, Number(bits), family);
    return list.check(name.value, family);
  });
}
