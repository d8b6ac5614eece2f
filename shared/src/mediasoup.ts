import { z } from 'zod';

/*
 * Shapes of the mediasoup structures that cross the wire. They are checked for
 * shape only: mediasoup itself validates the details and its errors are turned
 * into `media-error` answers. Unknown keys are kept because both mediasoup and
 * mediasoup-client add fields between versions.
 */

export const DtlsParameters = z.looseObject({
  role: z.enum(['auto', 'client', 'server']).optional(),
  fingerprints: z.array(z.object({ algorithm: z.string().min(1), value: z.string().min(1) })).min(1),
});

const RtpCodec = z.looseObject({
  mimeType: z.string().regex(/^(audio|video)\/.+/),
  clockRate: z.number().int().positive(),
  channels: z.number().int().positive().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  rtcpFeedback: z.array(z.looseObject({ type: z.string() })).optional(),
});

export const RtpCapabilities = z.looseObject({
  codecs: z.array(RtpCodec.extend({ kind: z.enum(['audio', 'video']) })).optional(),
  headerExtensions: z.array(z.looseObject({ uri: z.string() })).optional(),
});

export const RtpParameters = z.looseObject({
  mid: z.string().optional(),
  codecs: z.array(RtpCodec.extend({ payloadType: z.number().int().min(0).max(127) })).min(1),
  headerExtensions: z.array(z.looseObject({ uri: z.string(), id: z.number().int() })).optional(),
  encodings: z.array(z.looseObject({})).optional(),
  rtcp: z.looseObject({}).optional(),
});

export const IceParameters = z.looseObject({
  usernameFragment: z.string(),
  password: z.string(),
  iceLite: z.boolean().optional(),
});

export const IceCandidate = z.looseObject({
  foundation: z.string(),
  priority: z.number(),
  ip: z.string(),
  protocol: z.enum(['udp', 'tcp']),
  port: z.number().int(),
  type: z.string(),
});

export type DtlsParameters = z.infer<typeof DtlsParameters>;
export type RtpCapabilities = z.infer<typeof RtpCapabilities>;
export type RtpParameters = z.infer<typeof RtpParameters>;
