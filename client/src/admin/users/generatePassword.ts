/** Letters and digits that cannot be mistaken for one another when read aloud or copied from paper. */
const ALPHABET = 'abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A random password an admin can hand over; long enough for the server's minimum. */
export function generatePassword(length = 14): string {
  const random = crypto.getRandomValues(new Uint32Array(length));
  return Array.from(random, (value) => ALPHABET[value % ALPHABET.length]).join('');
}
