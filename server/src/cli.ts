import { AuditLog } from './audit/AuditLog';
import { KioskTokens } from './auth/kioskTokens';
import { generatePassword, hashPassword } from './auth/passwords';
import { kioskLinkOf } from './sites/routes';
import { loadOrCreateSecret } from './auth/secret';
import { loadConfig, type Config } from './config';
import { migrateToLatest, openDatabase } from './store/database';
import { SiteDirectory } from './sites/SiteDirectory';
import { TlsIdentity } from './tls/TlsIdentity';

const usage = `Usage:
  npm run cli -- kiosk-link <siteCode>      print the kiosk URL of a site
  npm run cli -- sites                      list the sites
  npm run cli -- reset-password <username>  set and print a new generated password
  npm run cli -- tls-info                   print the CA fingerprint, the certificate's names and expiry`;

async function main(args: string[]): Promise<number> {
  const config = loadConfig();
  // Needs no database: the TLS material lives in the data directory (created here on a bridge never started).
  if (args[0] === 'tls-info') return printTlsInfo(config);
  const db = openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await migrateToLatest(db);
    const sites = new SiteDirectory(db);
    const [command, argument] = args;
    if (command === 'kiosk-link' && argument) {
      const site = await sites.findByCode(argument);
      if (!site) {
        console.error(`No site with code "${argument}". Known sites: ${(await sites.list()).map((s) => s.code).join(', ')}`);
        return 1;
      }
      if (site.kioskRevoked) {
        console.error(`The kiosk link of "${site.code}" is revoked; rotate it in the admin page to issue a new one.`);
        return 1;
      }
      const tokens = new KioskTokens(loadOrCreateSecret(config.dataDir, config.jwtSecret), config.kioskTokenDays);
      console.log(kioskLinkOf(site, tokens, config.publicUrl).url);
      return 0;
    }
    if (command === 'reset-password' && argument) {
      const password = generatePassword();
      const hash = await hashPassword(password);
      const changed = await db.transaction(async (trx) => {
        const updated = await trx('users').where({ username: argument }).update({ password_hash: hash, session_version: trx.raw('session_version + 1') });
        if (updated > 0) {
          await new AuditLog(db, () => new Date()).record(trx, { system: 'cli' }, { action: 'user.reset-password', entityType: 'user', entityId: argument });
        }
        return updated;
      });
      if (changed === 0) {
        console.error(`No user "${argument}".`);
        return 1;
      }
      console.log(`New password for ${argument}: ${password}`);
      return 0;
    }
    if (command === 'sites') {
      for (const site of await sites.list()) console.log(`${site.code.padEnd(16)} ${site.kind.padEnd(9)} ${site.name}`);
      return 0;
    }
    console.error(usage);
    return 2;
  } finally {
    await db.destroy();
  }
}

async function printTlsInfo(config: Config): Promise<number> {
  const tls = await TlsIdentity.load({ dataDir: config.dataDir, publicHost: new URL(config.publicUrl).hostname, announcedIp: config.rtc.announcedIp, ...config.tls });
  const info = tls.info;
  if (info.source === 'bridge-ca') {
    console.log(`Bridge CA SHA-256 fingerprint: ${info.fingerprint256}`);
    console.log(`Bridge CA valid until:         ${info.caValidTo!.toISOString()}`);
  } else {
    console.log(`Certificate (TLS_CERT_FILE) SHA-256 fingerprint: ${info.fingerprint256}`);
  }
  console.log(`Server certificate names:      ${info.names.map((name) => name.value).join(', ')}`);
  console.log(`Server certificate valid until: ${info.validTo.toISOString()}`);
  if (info.uncovered.length > 0) {
    console.log(`Warning: the CA is not constrained to ${info.uncovered.map((name) => name.value).join(', ')}; browsers refuse these names.`);
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
