import { EventEmitter } from 'node:events';
import {
  defaultLayout,
  defaultLook,
  defaultVoiceActivation,
  resolveView,
  templatePanes,
  type ConferenceLook,
  type ConferenceSnapshot,
  type ConferenceState,
  type KioskView,
  type LayoutSpec,
  type MediaSource,
  type PaneAssignment,
  type Presenter,
  type ScanSettings,
  type ScanState,
  type SiteSummary,
  type SpatialLayer,
  type VoiceActivation,
} from '@diemcau/shared';
import { DomainError } from '../errors';
import type { MediaPolicy, PolicyPeer } from '../media/Room';
import { levelOfDbov } from '../media/SpeechObserver';
import { streamKey } from '../media/Peer';
import type { Layers, Wants } from '../media/subscriptionPlan';
import { selectAudible } from './audibleSites';
import { emptyFloor, grantFloor, lowerHand, raiseHand, revokeFloor, type Floor } from './floor';
import { scannedAssignments } from './scanning';
import { dominantSpeakerChanged, levelsHeard, noSpeaker, type SpeakerState } from './speakerHold';

interface SiteControls {
  site: SiteSummary;
  online: boolean;
  /** Has been online in this meeting: going offline is then a dropout. */
  seenOnline: boolean;
  muted: boolean;
  cameraOff: boolean;
  micGain: number;
  speakerVolume: number;
}

/** A level (0..1 of -70..0 dBov) above which a room counts as speaking: about -45 dBov, over room noise. */
const SPEECH_LEVEL = 0.35;

export interface ConferenceOptions {
  /** Rooms heard at once besides the chair's (MAX_AUDIBLE_SITES). */
  maxAudibleSites: number;
}

/** The console's thumbnails: the lowest size and frame rate, so 150 rooms fit in its downlink. */
const THUMBNAIL: Layers = { spatialLayer: 0, temporalLayer: 0 };
const CONTENT_PREVIEW: Layers = { spatialLayer: 1, temporalLayer: 2 };

/** What one change of the conference changed, so only that is sent and reconciled. */
export interface ConferenceChange {
  /** Rooms whose view changed: only they are sent one. */
  views: ReadonlySet<string>;
  /** Rooms whose kiosk should now receive other streams or layers: only their subscriptions are reconciled. */
  receivers: ReadonlySet<string>;
  /** The console's streams changed (the shared content it previews). */
  console: boolean;
}

/** A room's view as last computed, and what its kiosk receives with it. */
interface RoomView {
  view: KioskView;
  serialized: string;
  wants: Wants;
  wantsKey: string;
}

const keyOfWants = (wants: Wants) => JSON.stringify([...wants].sort(([a], [b]) => a.localeCompare(b)));

/**
 * What the chair operator decides for one live meeting (Art. 5.3, 7.1.c–d):
 * the layout of every room and per-room overrides, voice activation, captions
 * and backdrop, each site's microphone, camera and volumes, the floor and the
 * content token. Held by the bridge, which is the only authority: rooms
 * receive their resolved view and the media policy is enforced at the SFU.
 */
export interface ConferenceEvents {
  changed: [change: ConferenceChange];
  /** A site's kiosk came online or dropped out. */
  presence: [siteCode: string, online: boolean];
}

export class Conference extends EventEmitter<ConferenceEvents> implements MediaPolicy {
  private readonly controls = new Map<string, SiteControls>();
  private layout: LayoutSpec;
  private readonly overrides = new Map<string, LayoutSpec>();
  private voice: VoiceActivation = defaultVoiceActivation;
  private look: ConferenceLook = defaultLook;
  private floor: Floor = emptyFloor;
  private presenter: Presenter = null;
  /** Who is sending shared content right now (the presenter, once its screen stream is up). */
  private sharing: string | null = null;
  private speaker: SpeakerState = noSpeaker;
  /** Rooms sending a microphone they have not paused themselves. */
  private microphones: ReadonlySet<string> = new Set();
  private readonly lastSpoke = new Map<string, number>();
  private audible: ReadonlySet<string> = new Set();
  private scan: ScanState | null = null;
  /** Moves the scan on; owned by the conference and cleared when it ends or the scan stops or pauses. */
  private scanTimer: ReturnType<typeof setInterval> | undefined;
  /** Every room's view, computed once per change (not once per kiosk and again per subscription pass). */
  private readonly views = new Map<string, RoomView>();
  /** The shared content the console's streams were last worked out with. */
  private consoleSharing: string | null = null;

  constructor(
    readonly meetingId: string,
    sites: readonly SiteSummary[],
    private readonly now: () => number = Date.now,
    private readonly options: ConferenceOptions = { maxAudibleSites: 6 },
  ) {
    super();
    // One listener per connected room and console: a province has dozens, by design.
    this.setMaxListeners(0);
    for (const site of sites) {
      this.controls.set(site.code, { site, online: false, seenOnline: false, muted: false, cameraOff: false, micGain: 1, speakerVolume: 1 });
    }
    this.layout = defaultLayout(
      this.chairSite,
      sites.map((site) => site.code),
    );
  }

  get chairSite(): string | null {
    return [...this.controls.values()].find((entry) => entry.site.kind === 'chair')?.site.code ?? null;
  }

  state(): ConferenceState {
    return {
      meetingId: this.meetingId,
      chairSite: this.chairSite,
      layout: this.layout,
      overrides: Object.fromEntries(this.overrides),
      voice: this.voice,
      look: this.look,
      sites: [...this.controls.values()].map((entry) => ({
        siteCode: entry.site.code,
        name: entry.site.name,
        online: entry.online,
        muted: entry.muted,
        cameraOff: entry.cameraOff,
        micGain: entry.micGain,
        speakerVolume: entry.speakerVolume,
        handRaised: this.floor.queue.includes(entry.site.code),
        droppedOut: entry.seenOnline && !entry.online,
      })),
      floor: { queue: [...this.floor.queue], holder: this.floor.holder },
      presenter: this.presenter,
      activeSpeaker: this.speaker.current,
      audible: [...this.audible],
      scan: this.scan,
    };
  }

  /** The meeting's sites, in its order. */
  sites(): SiteSummary[] {
    return [...this.controls.values()].map((entry) => entry.site);
  }

  /** Sites with a kiosk connected now. */
  onlineSites(): string[] {
    return [...this.controls.values()].filter((entry) => entry.online).map((entry) => entry.site.code);
  }

  /** What the chair decided, as plain data to keep (see ConferenceSnapshot). */
  snapshot(): ConferenceSnapshot {
    return {
      version: 1,
      layout: this.layout,
      overrides: Object.fromEntries(this.overrides),
      voice: this.voice,
      look: this.look,
      sites: Object.fromEntries(
        [...this.controls.values()].map(({ site, muted, cameraOff, micGain, speakerVolume }) => [site.code, { muted, cameraOff, micGain, speakerVolume }]),
      ),
      floor: { queue: [...this.floor.queue], holder: this.floor.holder },
      presenter: this.presenter,
    };
  }

  /**
   * Takes back the decisions of a snapshot, before any room binds to this
   * conference, so a muted room is muted from its first packet. What names a
   * site no longer in the meeting is left out.
   */
  restore(snapshot: ConferenceSnapshot): void {
    const known = (siteCode: string | null) => siteCode !== null && this.controls.has(siteCode);
    const keepKnown = (layout: LayoutSpec): LayoutSpec => ({
      ...layout,
      panes: layout.panes.map((assignment) => (assignment?.kind === 'site' && !known(assignment.siteCode) ? null : assignment)),
    });
    this.layout = keepKnown(snapshot.layout);
    this.overrides.clear();
    for (const [siteCode, layout] of Object.entries(snapshot.overrides)) if (known(siteCode)) this.overrides.set(siteCode, keepKnown(layout));
    this.voice = snapshot.voice;
    this.look = snapshot.look;
    for (const [siteCode, controls] of Object.entries(snapshot.sites)) {
      const entry = this.controls.get(siteCode);
      if (entry) Object.assign(entry, controls);
    }
    this.floor = { queue: snapshot.floor.queue.filter(known), holder: known(snapshot.floor.holder) ? snapshot.floor.holder : null };
    this.presenter = snapshot.presenter === 'console' || known(snapshot.presenter) ? snapshot.presenter : null;
    this.changed();
  }

  /** What one room shows and obeys. */
  viewFor(siteCode: string): KioskView {
    return this.roomView(siteCode).view;
  }

  private roomView(siteCode: string): RoomView {
    const known = this.views.get(siteCode);
    if (known) return known;
    const computed = this.computeRoomView(siteCode);
    this.views.set(siteCode, computed);
    return computed;
  }

  private computeRoomView(siteCode: string): RoomView {
    const view = this.computeView(siteCode);
    const wants = new Map<string, Layers | null>();
    for (const [key, layer] of this.videoWantsIn(view)) wants.set(key, { spatialLayer: layer, temporalLayer: 2 });
    for (const site of this.audible) if (site !== siteCode) wants.set(streamKey(site, 'microphone'), null);
    return { view, serialized: JSON.stringify(view), wants, wantsKey: keyOfWants(wants) };
  }

  private computeView(siteCode: string): KioskView {
    const layout = this.overrides.get(siteCode) ?? this.layout;
    const own = this.site(siteCode);
    return {
      template: layout.template,
      panes: resolveView(this.viewInput(layout, siteCode)),
      look: this.look,
      self: {
        muted: own.muted,
        cameraOff: own.cameraOff,
        micGain: own.micGain,
        speakerVolume: own.speakerVolume,
        handRaised: this.floor.queue.includes(siteCode),
        floor: this.floor.holder === siteCode,
        mayPresent: this.presenter === siteCode,
      },
    };
  }

  /**
   * What a peer receives: a room, the video its layout shows and the rooms that are audible; the
   * console, the thumbnails it shows and the shared content.
   */
  wantsOf(peer: PolicyPeer): Wants {
    const wants = new Map<string, Layers | null>();
    if (peer.role === 'console') {
      for (const code of peer.watching ?? this.controls.keys()) if (this.controls.has(code)) wants.set(streamKey(code, 'camera'), THUMBNAIL);
      if (this.sharing && this.sharing !== 'console') wants.set(streamKey(this.sharing, 'screen'), CONTENT_PREVIEW);
      return wants;
    }
    if (peer.role !== 'kiosk') return wants;
    return this.roomView(peer.site.code).wants;
  }

  /** The video a view shows, by stream, with the layer each pane needs. */
  private videoWantsIn(view: KioskView): Map<string, SpatialLayer> {
    const wants = new Map<string, SpatialLayer>();
    for (const pane of view.panes) {
      const key =
        pane.content?.kind === 'site'
          ? streamKey(pane.content.siteCode, 'camera')
          : pane.content?.kind === 'content' && this.sharing
            ? streamKey(this.sharing, 'screen')
            : undefined;
      if (key) wants.set(key, Math.max(wants.get(key) ?? 0, pane.layer) as SpatialLayer);
    }
    return wants;
  }

  isBlocked(siteCode: string, source: MediaSource): boolean {
    const entry = this.controls.get(siteCode);
    if (source === 'screen') return this.presenter !== siteCode;
    if (!entry) return false;
    return source === 'microphone' ? entry.muted : entry.cameraOff;
  }

  setLayout(layout: LayoutSpec, target: 'all' | { siteCode: string }): void {
    for (const assignment of layout.panes) {
      if (assignment?.kind === 'site') this.site(assignment.siteCode);
    }
    if (target === 'all') {
      this.layout = layout;
      // One gesture for every room: a layout for all replaces the per-room exceptions.
      this.overrides.clear();
      this.applyScan();
    } else {
      this.site(target.siteCode);
      this.overrides.set(target.siteCode, layout);
    }
    this.changed();
  }

  clearOverride(siteCode: string): void {
    this.site(siteCode);
    if (this.overrides.delete(siteCode)) this.changed();
  }

  setVoice(voice: VoiceActivation): void {
    this.voice = voice;
    this.changed();
  }

  setLook(look: ConferenceLook): void {
    this.look = look;
    this.changed();
  }

  mute(siteCode: string, muted: boolean): void {
    this.site(siteCode).muted = muted;
    this.changed();
  }

  /** A bulk action on the console's selection: every site checked first, so nothing changes if one is wrong. */
  muteSites(siteCodes: readonly string[], muted: boolean): void {
    for (const entry of siteCodes.map((code) => this.site(code))) entry.muted = muted;
    this.changed();
  }

  setCameras(siteCodes: readonly string[], enabled: boolean): void {
    for (const entry of siteCodes.map((code) => this.site(code))) entry.cameraOff = !enabled;
    this.changed();
  }

  /** The common layout becomes these sites, in the smallest grid that holds them. */
  showSites(siteCodes: readonly string[]): void {
    this.setLayout(defaultLayout(null, siteCodes), 'all');
  }

  /** Starts scanning (replacing a running scan) from its first rooms, or stops it. */
  setScan(settings: ScanSettings | null): void {
    for (const code of settings?.siteCodes ?? []) this.site(code);
    this.scan = settings && { ...settings, paused: false, step: 0 };
    this.restartScanTimer();
    this.applyScan();
    this.changed();
  }

  pauseScan(paused: boolean): void {
    if (!this.scan) throw new DomainError('invalid-state', 'no scan is set');
    this.scan = { ...this.scan, paused };
    this.restartScanTimer();
    this.changed();
  }

  /** The meeting ended: nothing of the conference may run on. */
  close(): void {
    clearInterval(this.scanTimer);
    this.scanTimer = undefined;
  }

  muteAllButChair(): void {
    for (const entry of this.controls.values()) entry.muted = entry.site.code !== this.chairSite;
    this.changed();
  }

  setCamera(siteCode: string, enabled: boolean): void {
    this.site(siteCode).cameraOff = !enabled;
    this.changed();
  }

  setAudio(siteCode: string, levels: { micGain?: number | undefined; speakerVolume?: number | undefined }): void {
    const entry = this.site(siteCode);
    if (levels.micGain !== undefined) entry.micGain = levels.micGain;
    if (levels.speakerVolume !== undefined) entry.speakerVolume = levels.speakerVolume;
    this.changed();
  }

  raiseHand(siteCode: string, raised: boolean): void {
    this.site(siteCode);
    this.floor = raised ? raiseHand(this.floor, siteCode) : lowerHand(this.floor, siteCode);
    this.changed();
  }

  /** Granting unmutes the site and, if asked, puts it in the main pane of the common layout. */
  grantFloor(siteCode: string, toMainPane: boolean): void {
    this.site(siteCode).muted = false;
    const { floor, previous } = grantFloor(this.floor, siteCode);
    this.floor = floor;
    if (previous && previous !== this.chairSite) this.site(previous).muted = true;
    if (toMainPane) {
      const panes: PaneAssignment[] = this.layout.panes.filter((a) => !(a?.kind === 'site' && a.siteCode === siteCode));
      const main = panes.findIndex((assignment) => assignment?.kind !== 'content');
      panes.splice(main === -1 ? panes.length : main, 0, { kind: 'site', siteCode });
      this.layout = { ...this.layout, panes: panes.slice(0, templatePanes(this.layout.template).length) };
    }
    this.changed();
  }

  /** Taking the floor back mutes the site that held it (the chair keeps its microphone). */
  revokeFloor(): void {
    const { floor, previous } = revokeFloor(this.floor);
    this.floor = floor;
    if (previous && previous !== this.chairSite) this.site(previous).muted = true;
    this.changed();
  }

  setPresenter(presenter: Presenter): void {
    if (presenter !== null && presenter !== 'console') this.site(presenter);
    this.presenter = presenter;
    if (this.sharing !== presenter) this.sharing = null;
    this.changed();
  }

  /** The presenter's screen stream started or stopped. */
  setSharing(sharer: string | null): void {
    if (this.sharing === sharer) return;
    this.sharing = sharer;
    this.changed();
  }

  setOnline(online: ReadonlySet<string>): void {
    const flipped: SiteControls[] = [];
    for (const entry of this.controls.values()) {
      if (entry.online !== online.has(entry.site.code)) {
        entry.online = !entry.online;
        entry.seenOnline ||= entry.online;
        flipped.push(entry);
      }
    }
    if (flipped.length === 0) return;
    // Scanning skips rooms that are not there, and takes in those that arrive.
    this.applyScan();
    this.changed();
    for (const entry of flipped) this.emit('presence', entry.site.code, entry.online);
  }

  /** The rooms sending a live microphone changed. */
  setMicrophones(sites: ReadonlySet<string>): void {
    this.microphones = sites;
    this.reselectAudible();
  }

  dominantSpeaker(siteCode: string): void {
    this.speaker = dominantSpeakerChanged(this.speaker, siteCode, this.now());
  }

  /**
   * A round of audio levels (0..1 by site), a few times a second. Who spoke last decides who is heard
   * when more rooms are open than the cap; the voice-activation candidate takes the main pane once it
   * held the chair's hold time at the chair's level.
   */
  hearLevels(levels: ReadonlyMap<string, number>): void {
    const at = this.now();
    let spoke = false;
    for (const [site, level] of levels) {
      if (level < SPEECH_LEVEL) continue;
      this.lastSpoke.set(site, at);
      spoke = true;
    }
    const hold = { holdMs: this.voice.holdSeconds * 1000, minLevel: levelOfDbov(this.voice.minSpeechDb) };
    const next = levelsHeard(this.speaker, levels, at, hold);
    const promoted = next.current !== this.speaker.current;
    this.speaker = next;
    if (promoted && this.voice.enabled) this.changed();
    else if (spoke) this.reselectAudible();
  }

  private restartScanTimer(): void {
    clearInterval(this.scanTimer);
    this.scanTimer = undefined;
    const scan = this.scan;
    if (!scan || scan.paused) return;
    this.scanTimer = setInterval(() => {
      if (!this.scan) return;
      this.scan = { ...this.scan, step: this.scan.step + 1 };
      this.applyScan();
      this.changed();
    }, scan.intervalSeconds * 1000);
    // A scan left running never holds the server open on shutdown.
    this.scanTimer.unref();
  }

  /** Writes the scan's current rooms into the common layout's scanning panes. */
  private applyScan(): void {
    if (!this.scan) return;
    const paneCount = templatePanes(this.layout.template).length;
    const assignments = Array.from({ length: paneCount }, (_, index) => this.layout.panes[index] ?? null);
    const online = new Set([...this.controls.values()].filter((entry) => entry.online).map((entry) => entry.site.code));
    this.layout = { ...this.layout, panes: scannedAssignments({ ...this.scan, assignments, online }) };
  }

  private contentBy(): string | null {
    if (this.sharing === null) return null;
    const sharer = this.sharing === 'console' ? this.chairSite : this.sharing;
    return sharer ? this.site(sharer).site.name : null;
  }

  private viewInput(layout: LayoutSpec, viewer: string | null) {
    return {
      layout,
      voice: this.voice,
      chairSite: this.chairSite,
      activeSpeaker: this.speaker.current,
      previousSpeaker: this.speaker.previous,
      viewer,
      sites: [...this.controls.values()].map((entry) => ({ siteCode: entry.site.code, name: entry.site.name, online: entry.online })),
      contentBy: this.contentBy(),
    };
  }

  private site(siteCode: string): SiteControls {
    const entry = this.controls.get(siteCode);
    if (!entry) throw new DomainError('invalid-request', `site "${siteCode}" is not in this meeting`, { fields: { siteCode: 'not in meeting' } });
    return entry;
  }

  private selectAudible(): Set<string> {
    const candidates = [...this.controls.values()].filter((entry) => !entry.muted && this.microphones.has(entry.site.code)).map((entry) => entry.site.code);
    return selectAudible({ candidates, chairSite: this.chairSite, lastSpoke: this.lastSpoke, cap: this.options.maxAudibleSites });
  }

  private reselectAudible(): void {
    const next = this.selectAudible();
    if (next.size === this.audible.size && [...next].every((site) => this.audible.has(site))) return;
    this.changed();
  }

  /** Works out every room's view and streams again, and tells only what differs from before. */
  private changed(): void {
    this.audible = this.selectAudible();
    const views = new Set<string>();
    const receivers = new Set<string>();
    for (const siteCode of this.controls.keys()) {
      const before = this.views.get(siteCode);
      const after = this.computeRoomView(siteCode);
      this.views.set(siteCode, after);
      if (before?.serialized !== after.serialized) views.add(siteCode);
      if (before?.wantsKey !== after.wantsKey) receivers.add(siteCode);
    }
    const console = this.consoleSharing !== this.sharing;
    this.consoleSharing = this.sharing;
    this.emit('changed', { views, receivers, console });
  }
}
