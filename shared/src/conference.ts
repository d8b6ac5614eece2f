import { z } from 'zod';
import { LayoutSpec, LayoutTemplate, layerForPane, templatePanes, type PaneAssignment } from './layouts';
import { SiteCode } from './sites';

/*
 * The conference as the chair operator drives it (Art. 5.3, 7.1.c–d): one
 * layout for every room, per-room overrides, voice activation, captions and
 * backdrop, microphones and cameras, the floor and the content token. The
 * bridge holds this state; rooms receive only their resolved view.
 */

export const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #0b2a4a');

/** Art. 5.3: the same caption and backdrop colours in every room. */
export const ConferenceLook = z.object({ showCaptions: z.boolean(), backdrop: Color, captionColor: Color, captionBackground: Color }).strict();
export type ConferenceLook = z.infer<typeof ConferenceLook>;

export const defaultLook: ConferenceLook = {
  showCaptions: true,
  backdrop: '#0b2a4a',
  captionColor: '#ffffff',
  captionBackground: '#0b2a4a',
};

/** The quietest level counted as speech, in dBov; below the bridge's -70 dBov floor nothing is heard at all. */
export const speechLevelRange = { min: -70, max: -20 } as const;

/**
 * Voice activation as the chair sets it (Art. 7.1.c): a room takes the main pane once it has spoken
 * for `holdSeconds` without a break, at `minSpeechDb` or louder, so a cough, a short interjection
 * or a noisy room does not make every room's picture flap.
 */
export const VoiceActivation = z
  .object({
    enabled: z.boolean(),
    pinChair: z.boolean(),
    holdSeconds: z.number().min(1).max(10).multipleOf(0.5),
    minSpeechDb: z.number().int().min(speechLevelRange.min).max(speechLevelRange.max),
  })
  .strict();
export type VoiceActivation = z.infer<typeof VoiceActivation>;

export const defaultVoiceActivation: VoiceActivation = { enabled: false, pinChair: true, holdSeconds: 2, minSpeechDb: -50 };

export const Presenter = z.union([z.literal('console'), SiteCode]).nullable();
export type Presenter = z.infer<typeof Presenter>;

export const SiteControl = z.object({
  siteCode: SiteCode,
  name: z.string(),
  online: z.boolean(),
  /** Microphone paused at the bridge by the chair: the room cannot undo it. */
  muted: z.boolean(),
  cameraOff: z.boolean(),
  /** Applied in the room's kiosk through Web Audio. */
  micGain: z.number().min(0).max(2),
  speakerVolume: z.number().min(0).max(1),
  handRaised: z.boolean(),
  /** Offline after having been online in this meeting: a dropout the operator should see. */
  droppedOut: z.boolean(),
});
export type SiteControl = z.infer<typeof SiteControl>;

/** A province meeting has up to about 170 rooms; bulk requests and scan lists are bounded well above that. */
export const MAX_MEETING_SITES = 500;

/** The shortest and longest time a scanned room stays on screen. */
export const SCAN_INTERVAL_SECONDS = { min: 3, max: 600 } as const;

const ScanFields = {
  /** Indexes of the common layout's panes that cycle; the others keep what the operator put there. */
  panes: z.array(z.number().int().min(0).max(15)).min(1).max(16),
  /** The rooms to cycle through, in order; rooms offline or fixed in another pane are skipped. */
  siteCodes: z.array(SiteCode).min(1).max(MAX_MEETING_SITES),
  intervalSeconds: z.number().int().min(SCAN_INTERVAL_SECONDS.min).max(SCAN_INTERVAL_SECONDS.max),
};
const distinctPanes = (scan: { panes: number[] }) => new Set(scan.panes).size === scan.panes.length;

/**
 * Automatic scanning (Art. 7.1 "adjust the layout shown as the meeting goes"): chosen panes of the common
 * layout cycle through a list of rooms every few seconds, the same in every room, as on a hardware MCU.
 */
export const ScanSettings = z
  .object(ScanFields)
  .strict()
  .refine(distinctPanes, { message: 'each pane once', path: ['panes'] });
export type ScanSettings = z.infer<typeof ScanSettings>;

export const ScanState = z.object({
  ...ScanFields,
  paused: z.boolean(),
  /** How many times the panes have moved on since the scan was set. */
  step: z.number().int().min(0),
});
export type ScanState = z.infer<typeof ScanState>;

export const ConferenceState = z.object({
  meetingId: z.string(),
  chairSite: SiteCode.nullable(),
  layout: LayoutSpec,
  overrides: z.record(z.string(), LayoutSpec),
  voice: VoiceActivation,
  look: ConferenceLook,
  sites: z.array(SiteControl),
  floor: z.object({ queue: z.array(SiteCode), holder: SiteCode.nullable() }),
  presenter: Presenter,
  activeSpeaker: SiteCode.nullable(),
  /** The rooms every room hears now (Art. 7.1.c): unmuted, with a live microphone, within the cap. */
  audible: z.array(SiteCode),
  scan: ScanState.nullable(),
});
export type ConferenceState = z.infer<typeof ConferenceState>;

/**
 * What the chair decided, as kept in the store with the meeting so that a
 * restarted bridge carries on where it stopped: plain data, checked with this
 * schema when read back. Presence, sharing and the active speaker are not
 * decisions and come back on their own.
 */
export const ConferenceSnapshot = z
  .object({
    version: z.literal(1),
    layout: LayoutSpec,
    overrides: z.record(SiteCode, LayoutSpec),
    voice: VoiceActivation,
    look: ConferenceLook,
    sites: z.record(SiteCode, SiteControl.pick({ muted: true, cameraOff: true, micGain: true, speakerVolume: true }).strict()),
    floor: z.object({ queue: z.array(SiteCode).max(500), holder: SiteCode.nullable() }).strict(),
    presenter: Presenter,
  })
  .strict();
export type ConferenceSnapshot = z.infer<typeof ConferenceSnapshot>;

/** Live measurements for the console's tiles, pushed a few times a second. */
export const SiteMeters = z.record(z.string(), z.object({ audioLevel: z.number().min(0).max(1), score: z.number().min(0).max(10) }));
export type SiteMeters = z.infer<typeof SiteMeters>;

export const PaneContent = z.union([
  z.object({ kind: z.literal('site'), siteCode: SiteCode, name: z.string(), online: z.boolean() }),
  /** The room's own camera: drawn from its local preview, never sent back through the bridge. */
  z.object({ kind: z.literal('self'), siteCode: SiteCode, name: z.string() }),
  z.object({ kind: z.literal('content'), presenter: z.string() }),
  z.null(),
]);
export type PaneContent = z.infer<typeof PaneContent>;

export const ResolvedPane = z.object({
  x: z.number(),
  y: z.number(),
  w: z.number(),
  h: z.number(),
  layer: z.union([z.literal(0), z.literal(1), z.literal(2)]),
  content: PaneContent,
});
export type ResolvedPane = z.infer<typeof ResolvedPane>;

/** Everything one room shows and obeys; pushed whenever any of it changes. */
export const KioskView = z.object({
  template: LayoutTemplate,
  panes: z.array(ResolvedPane),
  look: ConferenceLook,
  self: z.object({
    muted: z.boolean(),
    cameraOff: z.boolean(),
    micGain: z.number(),
    speakerVolume: z.number(),
    handRaised: z.boolean(),
    floor: z.boolean(),
    mayPresent: z.boolean(),
  }),
});
export type KioskView = z.infer<typeof KioskView>;

export interface ViewInput {
  layout: LayoutSpec;
  voice: Pick<VoiceActivation, 'enabled' | 'pinChair'>;
  chairSite: string | null;
  activeSpeaker: string | null;
  previousSpeaker: string | null;
  viewer: string | null;
  sites: ReadonlyArray<{ siteCode: string; name: string; online: boolean }>;
  /** Display name of whoever holds the content token and is sharing, or null. */
  contentBy: string | null;
}

/** The pane voice activation drives: the first one showing people. */
function mainPaneIndex(assignments: readonly PaneAssignment[]): number {
  const index = assignments.findIndex((assignment) => assignment?.kind !== 'content');
  return index === -1 ? 0 : index;
}

/**
 * What a room sees: the operator's layout with voice activation applied, each
 * pane resolved to a site (or the room itself, or the shared content) and the
 * simulcast layer its size needs. A room that is speaking sees the previous
 * speaker in the main pane rather than itself.
 */
export function resolveView(input: ViewInput): ResolvedPane[] {
  const panes = templatePanes(input.layout.template);
  const assignments: PaneAssignment[] = panes.map((_, index) => input.layout.panes[index] ?? null);
  if (input.voice.enabled) {
    const speaker = input.activeSpeaker === input.viewer ? input.previousSpeaker : input.activeSpeaker;
    const main = mainPaneIndex(assignments);
    const occupant = assignments[main] ?? null;
    const pinned = input.voice.pinChair && occupant?.kind === 'site' && occupant.siteCode === input.chairSite;
    if (speaker && !pinned) {
      const elsewhere = assignments.findIndex((a) => a?.kind === 'site' && a.siteCode === speaker);
      if (elsewhere !== -1) assignments[elsewhere] = occupant;
      assignments[main] = { kind: 'site', siteCode: speaker };
    }
  }
  const byCode = new Map(input.sites.map((site) => [site.siteCode, site]));
  return panes.map((pane, index) => ({ ...pane, layer: layerForPane(pane), content: resolveContent(assignments[index] ?? null) }));

  function resolveContent(assignment: PaneAssignment): PaneContent {
    if (assignment === null) return null;
    if (assignment.kind === 'content') return input.contentBy ? { kind: 'content', presenter: input.contentBy } : null;
    const site = byCode.get(assignment.siteCode);
    if (!site) return null;
    if (site.siteCode === input.viewer) return { kind: 'self', siteCode: site.siteCode, name: site.name };
    return { kind: 'site', siteCode: site.siteCode, name: site.name, online: site.online };
  }
}

/**
 * A sensible first layout for a meeting: the chair large and the other sites
 * around it in the smallest template that holds them all (up to 16).
 */
export function defaultLayout(chairSite: string | null, siteCodes: readonly string[]): LayoutSpec {
  const ordered = [...(chairSite ? [chairSite] : []), ...siteCodes.filter((code) => code !== chairSite)];
  const template: LayoutTemplate =
    ordered.length <= 1 ? 'single' : ordered.length <= 4 ? 'grid-2x2' : ordered.length <= 6 ? 'one-plus-five' : ordered.length <= 9 ? 'grid-3x3' : 'grid-4x4';
  const capacity = templatePanes(template).length;
  return { template, panes: ordered.slice(0, capacity).map((siteCode) => ({ kind: 'site', siteCode })) };
}
