/*
 * A bridge process of the generator's own (bridgeProcess.ts or bareSfu.ts), forked
 * and driven over IPC: it reports ready with its URL and kiosk links, answers
 * samples of what only it can see, and stops on request.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BridgeReady, BridgeSample } from './bridgeCensus';
import type { RoomLink } from './LoadGenerator';

const here = path.dirname(fileURLToPath(import.meta.url));

export interface Bridge {
  url: string;
  rooms: RoomLink[];
  nodePid: number | undefined;
  /** What the bridge reported when ready (undefined for a bridge the generator did not start). */
  ready?: BridgeReady;
  sample(): Promise<BridgeSample | undefined>;
  stop(): Promise<void>;
}

/** Forks `script` (in test/load) with `scriptArgs`; `nodeOptions` are added to its Node flags. */
export async function forkBridge(script: string, scriptArgs: string[], nodeOptions: string[] = []): Promise<Bridge> {
  const child: ChildProcess = fork(path.join(here, script), scriptArgs, {
    execArgv: ['--import', 'tsx', ...nodeOptions],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      if (child.exitCode !== null || child.signalCode !== null) return reject(new Error(`${script} has exited (${child.exitCode ?? child.signalCode})`));
      const onMessage = (message: { type: string }) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message as T);
      };
      const onExit = (code: number | null) => reject(new Error(`${script} exited (${code}) before ${type}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const ready = await next<BridgeReady>('ready');
  return {
    url: ready.url,
    rooms: ready.rooms,
    nodePid: child.pid,
    ready,
    sample: () => {
      const reply = next<BridgeSample>('sample');
      // A closed channel is reported to the callback (not thrown, nor emitted as an unhandled 'error'); the reply then fails with the exit.
      child.send({ type: 'sample' }, () => undefined);
      return reply;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send({ type: 'stop' });
      }),
  };
}
