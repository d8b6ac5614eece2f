import { useState } from 'react';

/**
 * Which of a screen's dialogs is open, if any, and with what: opening one closes the other.
 * `saved` closes it and reloads what the screen lists.
 */
export function useDialog<Open>(reload: () => void) {
  const [open, setOpen] = useState<Open>();
  const close = () => setOpen(undefined);
  const saved = () => {
    close();
    reload();
  };
  return { open, show: setOpen, close, saved };
}
