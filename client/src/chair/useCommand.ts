import { useCallback } from 'react';
import type { RequestOf } from '@diemcau/shared';
import { useAction } from '../ui/useAction';
import type { ChairCommand, ChairController } from './ChairController';

/** Sends one operator command; resolves to whether the bridge accepted it. */
export type Send = <K extends ChairCommand>(name: K, payload: RequestOf<K>) => Promise<boolean>;

/** The operator's commands, with the last refusal kept for display. */
export function useCommand(controller: ChairController): { send: Send; error: unknown; clear: () => void } {
  const { run, error, clear } = useAction();
  const send = useCallback<Send>((name, payload) => run(() => controller.send(name, payload)), [controller, run]);
  return { send, error, clear };
}
