import { z } from 'zod';
import { DtlsParameters, IceCandidate, IceParameters, RtpCapabilities, RtpParameters } from './mediasoup';
import { ConferenceLook, ConferenceState, KioskView, MAX_MEETING_SITES, Presenter, ScanSettings, SiteMeters, VoiceActivation } from './conference';
import { ProtocolError, type Result } from './errors';
import { LayoutSpec } from './layouts';
import { AlarmEvent, MonitorSample } from './monitoring';
import { SiteCode, SiteSummary } from './sites';

/*
 * The kiosk signaling protocol. Every message is a zod schema here; the socket.io
 * event maps used by server and client are derived from these tables, so a
 * message cannot be sent or handled with a shape the other side does not know.
 */

export const MediaSource = z.enum(['camera', 'microphone', 'screen']);
export type MediaSource = z.infer<typeof MediaSource>;

export const TransportDirection = z.enum(['send', 'recv']);
export type TransportDirection = z.infer<typeof TransportDirection>;

const Id = z.string().min(1).max(100);

export const MeetingSummary = z.object({
  id: Id,
  title: z.string(),
  startsAt: z.iso.datetime({ offset: true }),
  endsAt: z.iso.datetime({ offset: true }).nullable(),
});
export type MeetingSummary = z.infer<typeof MeetingSummary>;

/**
 * What a kiosk should be doing now; pushed by the server whenever it changes.
 * Who is online travels apart, in `conference:presence`: it changes far more often.
 */
export const SessionState = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('waiting'), site: SiteSummary, next: MeetingSummary.nullable() }),
  z.object({ phase: z.literal('live'), site: SiteSummary, meeting: MeetingSummary, sites: z.array(SiteSummary) }),
]);
export type SessionState = z.infer<typeof SessionState>;

export const IceServer = z.object({ urls: z.array(z.string()), username: z.string(), credential: z.string() });
export type IceServer = z.infer<typeof IceServer>;

export const TransportOptions = z.object({
  id: Id,
  iceParameters: IceParameters,
  iceCandidates: z.array(IceCandidate),
  dtlsParameters: DtlsParameters,
  /** A kiosk's TURN relay (coturn), for networks that block the bridge's media port; absent when none is set. */
  iceServers: z.array(IceServer).optional(),
});
export type TransportOptions = z.infer<typeof TransportOptions>;

export const NewConsumer = z.object({
  consumerId: Id,
  producerId: Id,
  kind: z.enum(['audio', 'video']),
  rtpParameters: RtpParameters,
  siteCode: SiteCode,
  source: MediaSource,
});
export type NewConsumer = z.infer<typeof NewConsumer>;

const Empty = z.object({}).strict();

/** More than a kiosk ever receives: a 4×4 layout, shared content and the audible sites. */
const MAX_CONSUMERS_PER_PEER = 200;

type RequestTable = Record<string, { request: z.ZodType; response: z.ZodType }>;

/** Media requests of any peer (a kiosk or the chair console); each is answered through the socket.io acknowledgement. */
export const mediaRequests = {
  'media:routerCapabilities': { request: Empty, response: RtpCapabilities },
  'media:createTransport': {
    request: z
      .object({
        direction: TransportDirection,
        /** Offer only these ICE candidates: the connection check tries UDP and TCP separately. */
        protocols: z
          .array(z.enum(['udp', 'tcp']))
          .min(1)
          .max(2)
          .optional(),
      })
      .strict(),
    response: TransportOptions,
  },
  'media:connectTransport': {
    request: z.object({ transportId: Id, dtlsParameters: DtlsParameters }).strict(),
    response: Empty,
  },
  /**
   * Joins the room's media in one round trip: declares what the peer can receive and answers with its
   * receiving transport, its sending one if asked, and the consumers of what it should see and hear now
   * (created paused; resume them with `media:resumeConsumers` once set up). Later changes arrive as
   * `media:newConsumer` requests.
   */
  'media:join': {
    request: z
      .object({
        rtpCapabilities: RtpCapabilities,
        send: z.boolean(),
        /** Offer only these ICE candidates: the connection check tries UDP and TCP separately. */
        protocols: z
          .array(z.enum(['udp', 'tcp']))
          .min(1)
          .max(2)
          .optional(),
      })
      .strict(),
    response: z.object({ recv: TransportOptions, send: TransportOptions.nullable(), consumers: z.array(NewConsumer) }),
  },
  'media:resumeConsumers': {
    request: z.object({ consumerIds: z.array(Id).min(1).max(MAX_CONSUMERS_PER_PEER) }).strict(),
    response: Empty,
  },
  /**
   * The peer's browser has a remote picture stuck (packets arriving, no frame decoded): the bridge asks its
   * sender for a keyframe now rather than when the browser would (after 3 s).
   */
  'media:requestKeyFrame': {
    request: z.object({ consumerId: Id }).strict(),
    response: Empty,
  },
  'media:produce': {
    request: z
      .object({
        transportId: Id,
        kind: z.enum(['audio', 'video']),
        rtpParameters: RtpParameters,
        source: MediaSource,
      })
      .strict(),
    response: z.object({ producerId: Id }),
  },
  'media:closeProducer': {
    request: z.object({ producerId: Id }).strict(),
    response: Empty,
  },
} as const satisfies RequestTable;

/**
 * A kiosk's own timing, for the bridge's metrics: how long joining took until
 * its media was ready, or how long a layout it received took to show.
 */
export const KioskReport = z.object({ kind: z.enum(['media-ready', 'layout-applied']), ms: z.number().min(0).max(600_000) }).strict();
export type KioskReport = z.infer<typeof KioskReport>;

/** What a room's kiosk may ask beyond media: to speak, to pause its own devices, and to report its timing. */
export const kioskRequests = {
  ...mediaRequests,
  'kiosk:raiseHand': { request: z.object({ raised: z.boolean() }).strict(), response: Empty },
  /** Refused while the chair holds the device off (Art. 7.2.d): a room cannot unmute itself. */
  'media:setProducerPaused': { request: z.object({ producerId: Id, paused: z.boolean() }).strict(), response: Empty },
  'kiosk:report': { request: KioskReport, response: Empty },
} as const satisfies RequestTable;

const SiteTarget = z.object({ siteCode: SiteCode }).strict();

/** The rooms an operator selected in the console for one bulk action: each once. */
const SiteSelection = z
  .array(SiteCode)
  .min(1)
  .max(MAX_MEETING_SITES)
  .refine((codes) => new Set(codes).size === codes.length, { message: 'each site once' });

/** The chair operator's console (Art. 7.1.c–d): what every room sees and who may speak. */
export const chairRequests = {
  ...mediaRequests,
  /** Starts driving a live meeting; answers with its state, which is then pushed on every change. */
  'chair:attach': { request: z.object({ meetingId: Id }).strict(), response: ConferenceState },
  'chair:setLayout': {
    request: z.object({ layout: LayoutSpec, target: z.union([z.literal('all'), SiteTarget]) }).strict(),
    response: Empty,
  },
  'chair:clearOverride': { request: SiteTarget, response: Empty },
  'chair:setVoice': { request: VoiceActivation, response: Empty },
  'chair:setLook': { request: ConferenceLook, response: Empty },
  'chair:mute': { request: z.object({ siteCode: SiteCode, muted: z.boolean() }).strict(), response: Empty },
  /** Mutes every site but the chair's. */
  'chair:muteAll': { request: Empty, response: Empty },
  'chair:setCamera': { request: z.object({ siteCode: SiteCode, enabled: z.boolean() }).strict(), response: Empty },
  'chair:setAudio': {
    request: z.object({ siteCode: SiteCode, micGain: z.number().min(0).max(2).optional(), speakerVolume: z.number().min(0).max(1).optional() }).strict(),
    response: Empty,
  },
  'chair:grantFloor': { request: z.object({ siteCode: SiteCode, toMainPane: z.boolean() }).strict(), response: Empty },
  'chair:revokeFloor': { request: Empty, response: Empty },
  'chair:setPresenter': { request: z.object({ presenter: Presenter }).strict(), response: Empty },
  /** One gesture on a selection of rooms, applied as one change of the conference. */
  'chair:muteSites': { request: z.object({ siteCodes: SiteSelection, muted: z.boolean() }).strict(), response: Empty },
  'chair:setCameras': { request: z.object({ siteCodes: SiteSelection, enabled: z.boolean() }).strict(), response: Empty },
  /** The common layout becomes the selected rooms, in the smallest grid that holds them. */
  'chair:showSites': { request: z.object({ siteCodes: SiteSelection.max(16) }).strict(), response: Empty },
  /** Starts automatic scanning (replacing any scan), or stops it with null. */
  'chair:setScan': { request: z.object({ scan: ScanSettings.nullable() }).strict(), response: Empty },
  'chair:pauseScan': { request: z.object({ paused: z.boolean() }).strict(), response: Empty },
  /** The sites whose thumbnails the console shows now; the bridge sends those at the lowest layer and frame rate. */
  'chair:watch': { request: z.object({ siteCodes: z.array(SiteCode).max(MAX_CONSUMERS_PER_PEER) }).strict(), response: Empty },
} as const satisfies RequestTable;

/** A technician's pre-session check of one site (Art. 6.4): the media loops back through the bridge. */
export const checkRequests = {
  ...mediaRequests,
  /** How the check should run: the TURN relay to try (if any) and the bitrate a meeting needs. */
  'check:start': { request: Empty, response: z.object({ iceServers: z.array(IceServer), requiredKbps: z.number() }) },
  /** Answered at once: the signaling round trip. */
  'check:ping': { request: Empty, response: z.object({ serverTime: z.number() }) },
} as const satisfies RequestTable;

/** Every request a client may send; each namespace serves only its own table and refuses the rest. */
type ClientRequests = typeof kioskRequests & typeof chairRequests & typeof checkRequests;

/** Requests the server sends to a kiosk and waits on. */
const serverRequests = {
  'media:newConsumer': { request: NewConsumer, response: Empty },
} as const satisfies RequestTable;

/** One-way notices from the server. */
export const serverEvents = {
  'session:state': SessionState,
  /** The bridge's receiving and sending capabilities, sent once as a kiosk connects, so it can load its device at once. */
  'media:capabilities': RtpCapabilities,
  /** The sites of the live meeting that have a kiosk connected; sent on joining and whenever it changes. */
  'conference:presence': z.object({ online: z.array(SiteCode) }),
  'media:consumerClosed': z.object({ consumerId: Id }),
  /** The bridge is restarting (an upgrade, a planned stop): reconnect on your own, this is no fault. */
  'session:restarting': Empty,
  /** Another PC opened this room's link and took its place: this one stops, and says so. */
  'session:replaced': Empty,
  /** The media side of the room was rebuilt (for example after a worker died): join again. */
  'media:restart': z.object({ reason: z.string() }),
  /** What this room shows and obeys (layout, look, its own microphone and camera). */
  'conference:view': KioskView,
  /** To the chair console: the whole conference, on every change. */
  'conference:state': ConferenceState,
  'conference:meters': SiteMeters,
  /** To bridge technicians on `/monitor`, every few seconds. */
  'monitor:sample': MonitorSample,
  'monitor:alarm': AlarmEvent,
  /** Answer to a message that could not be answered through an acknowledgement (unknown event, no ack). */
  'protocol:error': z.object({ event: z.string(), error: ProtocolError }),
} as const satisfies Record<string, z.ZodType>;

export type ClientRequestName = keyof ClientRequests;
export type ChairRequestName = keyof typeof chairRequests;
export type RequestOf<K extends ClientRequestName> = z.infer<ClientRequests[K]['request']>;
export type ResponseOf<K extends ClientRequestName> = z.infer<ClientRequests[K]['response']>;
export type ServerRequestName = keyof typeof serverRequests;
export type ServerEventName = keyof typeof serverEvents;

export type ClientToServerEvents = {
  [K in ClientRequestName]: (payload: RequestOf<K>, ack: (result: Result<ResponseOf<K>>) => void) => void;
};

export type ServerToClientEvents = {
  [K in ServerEventName]: (payload: z.infer<(typeof serverEvents)[K]>) => void;
} & {
  [K in ServerRequestName]: (
    payload: z.infer<(typeof serverRequests)[K]['request']>,
    ack: (result: Result<z.infer<(typeof serverRequests)[K]['response']>>) => void,
  ) => void;
};

/** Sent with the socket.io handshake (`auth`) of `/kiosk`: the kiosk link's token. */
export const KioskHandshake = z.object({ token: z.string().min(1).max(4096) });
/** Sent with the handshake of the user namespaces (`/chair`, `/check`, `/monitor`): the user's access token. */
export const UserHandshake = z.object({ token: z.string().min(1).max(4096) });
/** A technician's access token and the site being checked. */
export const CheckHandshake = UserHandshake.extend({ siteCode: SiteCode });
