import { z } from 'zod';
import { DtlsParameters, IceCandidate, IceParameters, RtpCapabilities, RtpParameters } from './mediasoup';
import { ConferenceLook, ConferenceState, KioskView, Presenter, SiteMeters, VoiceActivation } from './conference';
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

export const RoomSite = SiteSummary.extend({ online: z.boolean() });
export type RoomSite = z.infer<typeof RoomSite>;

/** What a kiosk should be doing now; pushed by the server whenever it changes. */
export const SessionState = z.discriminatedUnion('phase', [
  z.object({ phase: z.literal('waiting'), site: SiteSummary, next: MeetingSummary.nullable() }),
  z.object({ phase: z.literal('live'), site: SiteSummary, meeting: MeetingSummary, sites: z.array(RoomSite) }),
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

type RequestTable = Record<string, { request: z.ZodType; response: z.ZodType }>;

/** Media requests of any peer (a kiosk or the chair console); each is answered through the socket.io acknowledgement. */
export const mediaRequests = {
  'media:routerCapabilities': { request: Empty, response: RtpCapabilities },
  'media:createTransport': {
    request: z
      .object({
        direction: TransportDirection,
        /** Offer only these ICE candidates: the connection check tries UDP and TCP separately. */
        protocols: z.array(z.enum(['udp', 'tcp'])).min(1).max(2).optional(),
      })
      .strict(),
    response: TransportOptions,
  },
  'media:connectTransport': {
    request: z.object({ transportId: Id, dtlsParameters: DtlsParameters }).strict(),
    response: Empty,
  },
  /** Declares the receiving capabilities; from then on the server sends consumers. */
  'media:join': {
    request: z.object({ rtpCapabilities: RtpCapabilities }).strict(),
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

/** What a room's kiosk may ask beyond media: to speak, and to pause its own devices. */
export const kioskRequests = {
  ...mediaRequests,
  'kiosk:raiseHand': { request: z.object({ raised: z.boolean() }).strict(), response: Empty },
  /** Refused while the chair holds the device off (Art. 7.2.d): a room cannot unmute itself. */
  'media:setProducerPaused': { request: z.object({ producerId: Id, paused: z.boolean() }).strict(), response: Empty },
} as const satisfies RequestTable;

const SiteTarget = z.object({ siteCode: SiteCode }).strict();

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
    request: z
      .object({ siteCode: SiteCode, micGain: z.number().min(0).max(2).optional(), speakerVolume: z.number().min(0).max(1).optional() })
      .strict(),
    response: Empty,
  },
  'chair:grantFloor': { request: z.object({ siteCode: SiteCode, toMainPane: z.boolean() }).strict(), response: Empty },
  'chair:revokeFloor': { request: Empty, response: Empty },
  'chair:setPresenter': { request: z.object({ presenter: Presenter }).strict(), response: Empty },
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
const clientRequests = { ...kioskRequests, ...chairRequests, ...checkRequests };

/** Requests the server sends to a kiosk and waits on. */
export const serverRequests = {
  'media:newConsumer': { request: NewConsumer, response: Empty },
} as const satisfies RequestTable;

/** One-way notices from the server. */
export const serverEvents = {
  'session:state': SessionState,
  'media:consumerClosed': z.object({ consumerId: Id }),
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

export type ClientRequestName = keyof typeof clientRequests;
export type KioskRequestName = keyof typeof kioskRequests;
export type ChairRequestName = keyof typeof chairRequests;
export type CheckRequestName = keyof typeof checkRequests;
export type RequestOf<K extends ClientRequestName> = z.infer<(typeof clientRequests)[K]['request']>;
export type ResponseOf<K extends ClientRequestName> = z.infer<(typeof clientRequests)[K]['response']>;
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

/** Sent with the socket.io handshake (`auth`). */
export const KioskHandshake = z.object({ token: z.string().min(1).max(4096) });
/** A technician's access token and the site being checked. */
export const CheckHandshake = z.object({ token: z.string().min(1).max(4096), siteCode: SiteCode });
