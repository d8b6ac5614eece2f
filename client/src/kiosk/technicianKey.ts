/** The key a technician presses on the room PC's keyboard to open technician mode. */
const TECHNICIAN_KEY = { ctrlKey: true, altKey: true, key: 'k' } as const;

export const isTechnicianKey = (event: KeyboardEvent) => event.ctrlKey && event.altKey && event.key.toLowerCase() === TECHNICIAN_KEY.key;
