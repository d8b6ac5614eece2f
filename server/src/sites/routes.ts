import { Router } from 'express';
import type { Request } from 'express';
import { ContactInput, PageQuery, SiteConfiguration, SiteInput, SitePatch, UnitInput, UnitPatch, type KioskLink } from '@diemcau/shared';
import type { Principal } from '../auth/permissions';
import type { MeetingRepository } from '../meetings/MeetingRepository';
import type { AuditLog } from '../audit/AuditLog';
import type { KioskTokens } from '../auth/kioskTokens';
import { DomainError } from '../errors';
import { authorize } from '../http/authentication';
import { parseInput } from '../http/validation';
import type { Database } from '../store/database';
import type { Site, SiteDirectory } from './SiteDirectory';
import type { UnitDirectory } from './UnitDirectory';

export interface DirectoryRouteDeps {
  db: Database;
  sites: SiteDirectory;
  units: UnitDirectory;
  tokens: KioskTokens;
  audit: AuditLog;
  meetings: MeetingRepository;
  publicUrl: string;
  /** Called after a link was rotated or revoked, so live kiosks holding the old one are dropped. */
  onKioskCredentialsChanged: (siteCode: string) => void;
}

const idParam = (value: unknown, what: string) => {
  const id = Number(value);
  if (!Number.isInteger(id) || id <= 0) throw new DomainError('not-found', `no such ${what}`);
  return id;
};

export function kioskLinkOf(site: Site, tokens: KioskTokens, publicUrl: string): KioskLink {
  return {
    url: site.kioskRevoked ? '' : `${publicUrl}/kiosk?token=${tokens.issue({ siteCode: site.code, generation: site.kioskGeneration })}`,
    generation: site.kioskGeneration,
    revoked: site.kioskRevoked,
  };
}

/** Units, sites with their contacts, and kiosk link management. */
export function directoryRoutes(deps: DirectoryRouteDeps): Router {
  const { db, sites, units, audit } = deps;
  const router = Router();

  router.get('/units', async (request, response) => {
    authorize(request, 'directory:read');
    response.json(await units.list(parseInput(PageQuery, request.query, 'page')));
  });
  router.post('/units', async (request, response) => {
    const principal = authorize(request, 'directory:manage');
    const input = parseInput(UnitInput, request.body);
    const unit = await db.transaction(async (trx) => {
      const created = await units.create(trx, input);
      await audit.record(trx, principal, { action: 'unit.create', entityType: 'unit', entityId: created.id, after: created });
      return created;
    });
    response.status(201).json(unit);
  });
  router.patch('/units/:id', async (request, response) => {
    const principal = authorize(request, 'directory:manage');
    const id = idParam(request.params.id, 'unit');
    const patch = parseInput(UnitPatch, request.body);
    const unit = await db.transaction(async (trx) => {
      const { before, after } = await units.update(trx, id, patch);
      await audit.record(trx, principal, { action: 'unit.update', entityType: 'unit', entityId: id, before, after });
      return after;
    });
    response.json(unit);
  });

  router.get('/sites', async (request, response) => {
    authorize(request, 'directory:read');
    response.json(await sites.views(db, {}, parseInput(PageQuery, request.query, 'page')));
  });
  router.post('/sites', async (request, response) => {
    const principal = authorize(request, 'directory:manage');
    const input = parseInput(SiteInput, request.body);
    const site = await db.transaction(async (trx) => {
      const created = await sites.create(trx, input);
      await audit.record(trx, principal, { action: 'site.create', entityType: 'site', entityId: created.id, after: created });
      return created;
    });
    response.status(201).json(site);
  });
  /**
   * Art. 7.2.d: while a site's meeting is live nobody changes its configuration
   * but the chair operator and the bridge technicians; every refused attempt is recorded.
   */
  async function assertConfigurable(principal: Principal, siteId: number, what: unknown): Promise<void> {
    const live = await deps.meetings.liveForSite(siteId);
    if (!live || principal.role === 'chair-operator' || principal.role === 'bridge-technician') return;
    await audit.record(db, principal, { action: 'site.config.refused', entityType: 'site', entityId: siteId, after: { meetingId: live.id, change: what } });
    throw new DomainError('config-locked', 'the site is in a live meeting: only the chair operator or the bridge may change it now');
  }

  router.patch('/sites/:id', async (request, response) => {
    const principal = authorize(request, 'directory:manage');
    const id = idParam(request.params.id, 'site');
    const patch = parseInput(SitePatch, request.body);
    await assertConfigurable(principal, id, patch);
    const site = await db.transaction(async (trx) => {
      const before = await sites.view(id, trx);
      const after = await sites.update(trx, id, patch);
      await audit.record(trx, principal, { action: 'site.update', entityType: 'site', entityId: id, before, after });
      return after;
    });
    response.json(site);
  });

  router.patch('/sites/:id/configuration', async (request: Request, response) => {
    const id = idParam(request.params.id, 'site');
    const principal = authorize(request, 'site:configure', { siteId: id });
    const change = parseInput(SiteConfiguration, request.body);
    await assertConfigurable(principal, id, change);
    const site = await db.transaction(async (trx) => {
      const before = await sites.view(id, trx);
      const after = await sites.update(trx, id, change);
      await audit.record(trx, principal, { action: 'site.configure', entityType: 'site', entityId: id, before, after });
      return after;
    });
    response.json(site);
  });

  // Art. 12.2: each site names the staff on duty; the site's own technician keeps that list current.
  router.post('/sites/:id/contacts', async (request, response) => {
    const id = idParam(request.params.id, 'site');
    const principal = authorizeContacts(request, id);
    const input = parseInput(ContactInput, request.body);
    const contact = await db.transaction(async (trx) => {
      await sites.view(id, trx);
      const created = await sites.addContact(trx, id, input);
      await audit.record(trx, principal, { action: 'site.contact.add', entityType: 'site', entityId: id, after: created });
      return created;
    });
    response.status(201).json(contact);
  });
  router.delete('/sites/:id/contacts/:contactId', async (request, response) => {
    const id = idParam(request.params.id, 'site');
    const principal = authorizeContacts(request, id);
    const contactId = idParam(request.params.contactId, 'contact');
    await db.transaction(async (trx) => {
      await sites.removeContact(trx, id, contactId);
      await audit.record(trx, principal, { action: 'site.contact.remove', entityType: 'site', entityId: id, before: { contactId } });
    });
    response.status(204).end();
  });

  router.get('/sites/:id/kiosk-link', async (request, response) => {
    const principal = authorize(request, 'kiosk:manage');
    const site = await sites.findById(idParam(request.params.id, 'site'));
    if (!site) throw new DomainError('not-found', 'no such site');
    const link = kioskLinkOf(site, deps.tokens, deps.publicUrl);
    // Every link handed out opens the room until rotated: who took one is on record.
    await audit.record(db, principal, { action: 'site.kiosk.issue', entityType: 'site', entityId: site.id, after: { generation: site.kioskGeneration } });
    response.json(link);
  });
  for (const action of ['rotate', 'revoke'] as const) {
    router.post(`/sites/:id/kiosk-link/${action}`, async (request, response) => {
      const principal = authorize(request, 'kiosk:manage');
      const id = idParam(request.params.id, 'site');
      const site = await db.transaction(async (trx) => {
        const before = await sites.findById(id, trx);
        if (!before) throw new DomainError('not-found', 'no such site');
        const after = action === 'rotate' ? await sites.rotateKiosk(trx, id) : await sites.revokeKiosk(trx, id);
        await audit.record(trx, principal, {
          action: `site.kiosk.${action}`,
          entityType: 'site',
          entityId: id,
          before: { generation: before.kioskGeneration, revoked: before.kioskRevoked },
          after: { generation: after.kioskGeneration, revoked: after.kioskRevoked },
        });
        return after;
      });
      deps.onKioskCredentialsChanged(site.code);
      response.json(kioskLinkOf(site, deps.tokens, deps.publicUrl));
    });
  }
  return router;
}

/** Admins manage every site's contacts; a site technician manages its own site's. */
function authorizeContacts(request: Parameters<typeof authorize>[0], siteId: number) {
  try {
    return authorize(request, 'directory:manage');
  } catch (error) {
    if (error instanceof DomainError && error.code === 'forbidden') return authorize(request, 'site:check', { siteId });
    throw error;
  }
}
