// A Letter of Completion's verification code: 80 random bits, written in Crockford's base32 (digits and
// letters without I, L, O and U, so nothing reads as something else), in four groups of four for reading
// aloud: LOC-7K3Q-9XW2-M4TD-0B8R. Anyone who has a code can verify the letter, so it must not be guessable.
import { randomBytes } from "node:crypto";

export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const BITS_PER_CHARACTER = 5;
export const CODE_CHARACTERS = 16;
/** 16 characters of 5 bits: 80 bits, every one of them from the random bytes. */
export const CODE_RANDOM_BITS = CODE_CHARACTERS * BITS_PER_CHARACTER;
const PREFIX = "LOC";

export function newVerificationCode(): string {
  const bytes = randomBytes(CODE_RANDOM_BITS / 8);
  // Five bits at a time, most significant first: no modulo, so every character is equally likely.
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let characters = "";
  for (let i = CODE_CHARACTERS - 1; i >= 0; i--) {
    characters += CODE_ALPHABET[Number((value >> BigInt(i * BITS_PER_CHARACTER)) & 31n)];
  }
  return [PREFIX, ...(characters.match(/.{4}/g) ?? [])].join("-");
}

/**
 * A code as typed, in the form it is stored: upper case, without spaces; in a code of this format a misread
 * O, I or L is taken for 0, 1 and 1, as Crockford's base32 reads them. Codes issued before this format (two
 * groups, their own alphabet) are only upper-cased.
 */
export function normalizeCode(typed: string): string {
  const code = typed.replace(/\s+/g, "").toUpperCase();
  // Groups apart by dashes or by spaces, as people copy them from a printed letter.
  const groups = typed
    .trim()
    .toUpperCase()
    .split(/[\s-]+/);
  if (groups.length !== 5 || groups[0] !== PREFIX) return code;
  const read = groups.slice(1).map((g) => g.replace(/O/g, "0").replace(/[IL]/g, "1"));
  return [PREFIX, ...read].join("-");
}
