import { Username } from '@diemcau/shared';
import { AuditLog } from './audit/AuditLog';
import { KioskTokens } from './auth/kioskTokens';
import { generatePassword, hashPassword } from './auth/passwords';
import { kioskLinkOf } from './sites/routes';
import { loadOrCreateSecret } from './auth/secret';
import { loadConfig, type Config } from './config';
import { backupStore, restoreStore } from './store/backup';
import { migrateToLatest, openDatabase } from './store/database';
import { SiteDirectory } from './sites/SiteDirectory';
import { TlsIdentity } from './tls/TlsIdentity';
import { userView, UserDirectory } from './users/UserDirectory';

const usage = `Usage:
  npm run cli -- kiosk-link <siteCode>      print the kiosk URL of a site
  npm run cli -- sites                      list the sites
  npm run cli -- reset-password <username>  set and print a new generated password
  npm run cli -- create-admin <username>    create an administrator and print its generated password
  npm run cli -- audit-verify               check the audit log's hash chain; exit 1 at the first broken link
  npm run cli -- backup <file>              online copy of the embedded store and the data directory's secrets
  npm run cli -- restore <file>             put a backup back (stop the server first)
  npm run cli -- tls-info                   print the CA fingerprint, the certificate's names and expiry`;

async function main(args: string[]): Promise<number> {
  const config = loadConfig();
  const [command, argument] = args;
  // Needs no database: the TLS material lives in the data directory (created here on a bridge never started).
  if (command === 'tls-info') return printTlsInfo(config);
  // Backup and restore work on the files, and restore must not hold the database open while replacing it.
  if (command === 'backup' && argument) {
    const manifest = await backupStore(config, argument);
    console.log(`Backup written to ${argument}: ${[manifest.database ?? '(no embedded store)', ...manifest.files].join(', ')}.`);
    if (!manifest.database) console.log('The store is PostgreSQL: dump it with pg_dump as well (see README).');
    return 0;
  }
  if (command === 'restore' && argument) {
    const restored = await restoreStore(config, argument);
    console.log(`Restored the backup of ${restored.createdAt} into ${config.dataDir}.`);
    if (restored.previous) console.log(`The database it replaced is kept as ${restored.previous}.`);
    return 0;
  }
  const db = openDatabase({ dataDir: config.dataDir, databaseUrl: config.databaseUrl });
  try {
    await migrateToLatest(db);
    const sites = new SiteDirectory(db);
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
      const link = kioskLinkOf(site, tokens, config.publicUrl);
      await new AuditLog(db, () => new Date()).record(
        db,
        { system: 'cli' },
        { action: 'site.kiosk.issue', entityType: 'site', entityId: site.id, after: { generation: site.kioskGeneration } },
      );
      console.log(link.url);
      return 0;
    }
    if (command === 'reset-password' && argument) {
      const password = generatePassword();
      const hash = await hashPassword(password);
      const changed = await db.transaction(async (trx) => {
        const updated = await trx('users')
          .where({ username: argument })
          .update({ password_hash: hash, session_version: trx.raw('session_version + 1') });
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
    if (command === 'audit-verify') {
      const report = await new AuditLog(db, () => new Date()).verifyChain();
      if (report.intact) {
        console.log(`Audit log intact: ${report.entries} entries, each sealing the one before.`);
        return 0;
      }
      const why = {
        edited: 'it was changed after it was written',
        'entry-missing': 'the entry before it was removed, or its link was changed',
        'tail-removed': 'entries after it were removed',
      }[report.reason];
      console.error(`Audit log BROKEN at entry #${report.brokenAt}: ${why} (${report.entries} entries check out before it).`);
      return 1;
    }
    if (command === 'create-admin' && argument) {
      const username = Username.safeParse(argument);
      if (!username.success) {
        console.error(`"${argument}" is not a valid username: ${username.error.issues[0]?.message}`);
        return 1;
      }
      const users = new UserDirectory(db);
      if (await users.byUsername(username.data)) {
        console.error(`The username "${username.data}" is taken; use reset-password for an existing account.`);
        return 1;
      }
      const password = generatePassword();
      const passwordHash = await hashPassword(password);
      await db.transaction(async (trx) => {
        const admin = await users.insert(
          trx,
          { username: username.data, displayName: 'Quản trị hệ thống', role: 'admin', unitId: null, siteId: null, passwordHash },
          new Date(),
        );
        await new AuditLog(db, () => new Date()).record(
          trx,
          { system: 'cli' },
          { action: 'user.create', entityType: 'user', entityId: admin.id, after: userView(admin) },
        );
      });
      console.log(`Administrator ${username.data} created. Password (shown this once): ${password}`);
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
  const tls = await TlsIdentity.load({
    dataDir: config.dataDir,
    publicHost: new URL(config.publicUrl).hostname,
    announcedIp: config.rtc.announcedIp,
    ...config.tls,
  });
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
