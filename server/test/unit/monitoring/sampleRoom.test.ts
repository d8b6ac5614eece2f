import type { types } from 'mediasoup';
import { describe, expect, it } from 'vitest';
import type { SiteSummary } from '@diemcau/shared';
import type { KioskMedia } from '../../../src/media/Room';
import { sampleRoom } from '../../../src/monitoring/sampleRoom';

const site: SiteSummary = { code: 'bac-ai', name: 'Huyện Bác Ái', kind: 'endpoint' };

/** A video consumer as the monitor reads it: the layers it sends, of a stream with these layers. */
function videoConsumer(spatialLayer: number, temporalLayer: number, scalabilityMode: string | undefined): types.Consumer {
  return {
    kind: 'video',
    paused: false,
    producerPaused: false,
    currentLayers: { spatialLayer, temporalLayer },
    rtpParameters: { codecs: [], encodings: [{ scalabilityMode }] },
    getStats: () => Promise.resolve([]),
  } as unknown as types.Consumer;
}

async function sampleOf(consumers: types.Consumer[]) {
  const kiosk: KioskMedia = { siteCode: site.code, send: undefined, recv: undefined, producers: [], consumers };
  const [sample] = await sampleRoom({ kioskMedia: () => new Map([[site.code, kiosk]]) }, [site], new Map());
  return sample!;
}

describe('what the monitor says a site receives (Art. 7.1.a)', () => {
  it('the highest picture size, and whether the bridge holds back frames of a picture to fit the line', async () => {
    expect(await sampleOf([videoConsumer(2, 2, 'L3T3')])).toMatchObject({ receivedLayer: 2, receivedFewerFrames: false });
    expect(await sampleOf([videoConsumer(2, 0, 'L3T3')])).toMatchObject({ receivedLayer: 2, receivedFewerFrames: true });
    expect(await sampleOf([videoConsumer(0, 2, 'L3T3'), videoConsumer(1, 1, 'L3T3')])).toMatchObject({ receivedLayer: 1, receivedFewerFrames: true });
  });

  it('never says frames are held back of a stream that has a single temporal layer, nor of a site that receives no video', async () => {
    expect(await sampleOf([videoConsumer(0, 0, 'L1T1')])).toMatchObject({ receivedLayer: 0, receivedFewerFrames: false });
    expect(await sampleOf([videoConsumer(0, 0, undefined)])).toMatchObject({ receivedLayer: 0, receivedFewerFrames: false });
    expect(await sampleOf([])).toMatchObject({ receivedLayer: null, receivedFewerFrames: false });
  });
});
