import { KioskTokens } from './auth/kioskTokens';
import { loadOrCreateSecret } from './auth/secret';
import { loadConfig } from './config';
import { migrateToLatest, openDatabase } from './store/database';
import { SiteDirectory } from './sites/SiteDirectory';

const usage = `Usage:
  npm run cli -- kiosk-link <siteCode>   print the kiosk URL of a site
  npm run cli -- sites                   list the sites`;

async function main(args: string[]): Promise<number> {
  const config = loadConfig();
  const db = openDatabase({ dataDir: config.dataDir });
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
      const tokens = new KioskTokens(loadOrCreateSecret(config.dataDir, config.jwtSecret), config.kioskTokenDays);
      const token = tokens.issue({ siteCode: site.code, generation: site.kioskGeneration });
      console.log(`${config.publicUrl}/kiosk?token=${token}`);
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

process.exitCode = await main(process.argv.slice(2));
