import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVoiceActivation, type ConferenceSnapshot, type ConferenceState, type KioskView, type Result } from '@diemcau/shared';
import { joinMedia, nextEvent, startTestPlatform, waitFor, type KioskClient, type TestPlatform } from './harness';

/** Issue 11, deliver 1: what the chair decided survives a restart of the bridge. */
let platform: TestPlatform;
let meetingId: string;

beforeAll(async () => {
  platform = await startTestPlatform({ manualScheduler: true });
  meetingId = await platform.liveMeetingId();
});
afterAll(async () => {
  await platform?.close();
});

async function attachedConsole(): Promise<{ socket: Socket; state: ConferenceState }> {
  const socket = platform.connect('/chair', { token: await platform.login('chutoa') }) as unknown as Socket;
  const result = (await socket.emitWithAck('chair:attach', { meetingId })) as Result<ConferenceState>;
  if (!result.ok) throw new Error(result.error.message);
  return { socket, state: result.data };
}

async function command(socket: Socket, name: string, payload: unknown): Promise<void> {
  const result = (await socket.emitWithAck(name, payload)) as Result<unknown>;
  if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
}

/** The chair's decisions in a state: what a restart must not lose (presence and the speaker come back by themselves). */
const decisions = ({ activeSpeaker: _speaker, sites, ...state }: ConferenceState) => ({
  ...state,
  sites: sites.map(({ online: _online, ...site }) => site),
});

const storedSnapshot = async (): Promise<ConferenceSnapshot | undefined> => {
  const row = await platform.db('conference_states').where({ meeting_id: meetingId }).first();
  return row && JSON.parse(row.snapshot);
};

const opus = {
  mid: '0',
  codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
  headerExtensions: [],
  encodings: [{ ssrc: 11111111 }],
  rtcp: { cname: 'kiosk' },
};

describe('durable conference state (issue 11, deliver 1)', () => {
  it('restores layouts, overrides, look, voice, mutes, camera-offs, gains, floor and presenter after a restart; a muted room is muted from its first packet', async () => {
    const { socket: console } = await attachedConsole();
    const raiser = platform.connectKiosk({ token: await platform.kioskToken('thuan-nam') });
    await nextEvent(raiser, 'conference:view');
    expect(((await raiser.emitWithAck('kiosk:raiseHand', { raised: true })) as Result<unknown>).ok).toBe(true);

    await command(console, 'chair:setLayout', {
      layout: { template: 'grid-2x2', panes: [{ kind: 'site', siteCode: 'bac-ai' }, { kind: 'site', siteCode: 'chair' }, { kind: 'content' }, null] },
      target: 'all',
    });
    await command(console, 'chair:setLayout', {
      layout: { template: 'single', panes: [{ kind: 'site', siteCode: 'chair' }] },
      target: { siteCode: 'ninh-son' },
    });
    await command(console, 'chair:setLook', { showCaptions: false, backdrop: '#102030', captionColor: '#ffff00', captionBackground: '#000000' });
    await command(console, 'chair:setVoice', { ...defaultVoiceActivation, enabled: true, pinChair: false });
    await command(console, 'chair:setCamera', { siteCode: 'ninh-son', enabled: false });
    await command(console, 'chair:setAudio', { siteCode: 'phan-rang', micGain: 1.5, speakerVolume: 0.4 });
    await command(console, 'chair:grantFloor', { siteCode: 'ninh-hai', toMainPane: false });
    await command(console, 'chair:setPresenter', { presenter: 'ninh-phuoc' });
    await command(console, 'chair:mute', { siteCode: 'bac-ai', muted: true });
    const before = (await attachedConsole()).state;
    expect(before.floor).toEqual({ queue: ['thuan-nam'], holder: 'ninh-hai' });

    // Kept as the changes come, not only at a clean stop: a crash loses at most the last instant.
    await waitFor(async () => (await storedSnapshot())?.sites['bac-ai']?.muted === true, 5_000);
    expect((await storedSnapshot())?.presenter).toBe('ninh-phuoc');

    await platform.restart();

    // A room muted before the restart is muted from its first packet: its microphone producer starts paused.
    const kiosk: KioskClient = platform.connectKiosk({ token: await platform.kioskToken('bac-ai') });
    const view = await nextEvent<KioskView>(kiosk, 'conference:view');
    expect(view.self.muted).toBe(true);
    expect(view.template).toBe('grid-2x2');
    const joined = await joinMedia(kiosk);
    const produced = (await kiosk.emitWithAck('media:produce', {
      transportId: joined.send!.id,
      kind: 'audio',
      rtpParameters: opus,
      source: 'microphone',
    })) as Result<{ producerId: string }>;
    if (!produced.ok) throw new Error(produced.error.message);
    const room = platform.bridge.roomFor(meetingId);
    const producer = room
      .peerList()
      .flatMap((peer) => [...peer.producers.values()])
      .find((info) => info.producer.id === produced.data.producerId)!;
    expect(producer.producer.paused).toBe(true);

    // The console finds every decision as it left it.
    expect(decisions((await attachedConsole()).state)).toEqual(decisions(before));
  });

  it('ignores a stored state that does not fit the schema, and opens the meeting with defaults', async () => {
    await platform
      .db('conference_states')
      .where({ meeting_id: meetingId })
      .update({ snapshot: JSON.stringify({ version: 1, layout: 'broken' }) });
    await platform.restart();
    const { state } = await attachedConsole();
    expect(state.layout.template).toBe('grid-3x3');
    expect(state.sites.every((site) => !site.muted)).toBe(true);
  });
});
