import { detectDevice, Device, ortc, version, type types } from 'mediasoup-client';
import { Chrome111 } from 'mediasoup-client/handlers/Chrome111';

/*
 * The browser's own RTP capabilities, remembered across starts of the same browser.
 *
 * mediasoup-client learns them by building two throwaway peer connections and their offers: 100–340 ms of a
 * kiosk's page thread as it starts, while the signaling handshake waits for that thread. They depend only on
 * the browser's build, so a kiosk that restarts (a PC rebooted mid-meeting keeps its browser profile) reads
 * them back instead. They are forgotten when a media start fails, in case a browser update kept its user
 * agent string and changed what it supports.
 */

const STORAGE_KEY = 'diemcau.nativeRtpCapabilities';

type Direction = types.HandlerGetNativeRtpCapabilitiesOptions['direction'];
type NativeCapabilities = Record<Direction, types.RtpCapabilities>;

interface Remembered extends NativeCapabilities {
  /** The browser and mediasoup-client builds that found them. */
  build: string;
}

const currentBuild = () => `${navigator.userAgent} mediasoup-client/${version}`;

function storage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // Storage refused by the browser's settings: the capabilities are found each time.
  }
}

/** Whether mediasoup-client takes them, as it checks what the browser gives: stored text may have been altered. */
function valid(capabilities: unknown): capabilities is types.RtpCapabilities {
  try {
    ortc.validateAndNormalizeRtpCapabilities(structuredClone(capabilities) as types.RtpCapabilities);
    return true;
  } catch {
    return false;
  }
}

function recall(store: Storage): NativeCapabilities | undefined {
  try {
    const remembered = JSON.parse(store.getItem(STORAGE_KEY) ?? 'null') as Partial<Remembered> | null;
    if (remembered?.build !== currentBuild() || !valid(remembered.recvonly) || !valid(remembered.sendonly)) return undefined;
    return { recvonly: remembered.recvonly, sendonly: remembered.sendonly };
  } catch {
    return undefined; // Unreadable: found again.
  }
}

function remember(store: Storage, capabilities: NativeCapabilities): void {
  try {
    store.setItem(STORAGE_KEY, JSON.stringify({ build: currentBuild(), ...capabilities } satisfies Remembered));
  } catch {
    // Storage full or refused: the next start finds them again.
  }
}

/** Devices loaded with remembered capabilities: a failure of theirs may be the capabilities'. */
const recalledBy = new WeakSet<Device>();

/**
 * Chromium's mediasoup-client handler, with the capabilities remembered; undefined where it is not Chromium.
 * When they must be found, both directions' probes run at once rather than one after the other.
 */
function rememberingHandler(recalled: () => void): types.HandlerFactory | undefined {
  const store = storage();
  if (!store || detectDevice() !== 'Chrome111') return undefined;
  const handler = Chrome111.createFactory({});
  let native: Promise<NativeCapabilities> | undefined;
  const find = async (): Promise<NativeCapabilities> => {
    const known = recall(store);
    if (known) {
      recalled();
      return known;
    }
    const [recvonly, sendonly] = await Promise.all([
      handler.getNativeRtpCapabilities({ direction: 'recvonly' }),
      handler.getNativeRtpCapabilities({ direction: 'sendonly' }),
    ]);
    remember(store, { recvonly, sendonly });
    return { recvonly, sendonly };
  };
  return {
    ...handler,
    async getNativeRtpCapabilities({ direction }) {
      native ??= find();
      return (await native)[direction];
    },
  };
}

/** A mediasoup-client device, to load once with the bridge's capabilities and keep across sessions. */
export function newDevice(): Device {
  const device: Device = new Device({ handlerFactory: rememberingHandler(() => recalledBy.add(device)) });
  return device;
}

/**
 * Forgets the remembered capabilities after a media start failed. True when this device was loaded with them:
 * its owner should make and load a new one, which finds them afresh.
 */
export function forgetNativeCapabilities(device: Device): boolean {
  storage()?.removeItem(STORAGE_KEY);
  return recalledBy.has(device);
}
