// Input hygiene at the chat boundary. PostgreSQL refuses a NUL byte in text (22021) and a string with a
// lone UTF-16 surrogate cannot be encoded at all (Prisma fails on it in JSON), so such text must never
// reach the core: a field or line holding one is refused with a sentence the person can act on, and a
// display name a platform sends is cleaned, since the person cannot retype it.
import type { IdentityRef } from "../core/people.js";

/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const CANNOT_STORE = "a character that cannot be stored (a NUL byte or a broken Unicode character)";
export const UNSTORABLE_FIELD = `This contains ${CANNOT_STORE}. Remove it and try again.`;
export const UNSTORABLE_LINE = `Your command contains ${CANNOT_STORE}. Type it again without it.`;

/** Slack allows 4,000 characters after the command; nothing longer is a command a person typed. */
export const MAX_COMMAND_LENGTH = 4_000;
/** A button's value is at most 2,000 characters on Slack and 100 on Discord; ours are record ids. */
export const MAX_BUTTON_VALUE_LENGTH = 2_000;
/** The answer to a press of a button we did not make, or made for something that is gone. */
export const STALE_BUTTON = "This button is no longer in use. Run the command again for a fresh message.";
/** Platform user ids are short (Slack U0123ABCD, Discord snowflakes); the index on them is not unbounded. */
const MAX_EXTERNAL_ID_LENGTH = 128;
const MAX_DISPLAY_NAME_LENGTH = 80;

export function isUnstorable(text: string): boolean {
  return text.includes("\u0000") || LONE_SURROGATE.test(text);
}

/**
 * A display name as people should read it: lone surrogates become U+FFFD, control characters (NUL
 * among them) are dropped, spaces collapse, and it is clipped without splitting a character.
 */
export function cleanDisplayName(name: string, fallback: string): string {
  const cleaned = [
    ...name
      .replace(new RegExp(LONE_SURROGATE, "g"), "\uFFFD")
      .replace(/\p{Cc}/gu, " ")
      .replace(/\s+/g, " ")
      .trim(),
  ]
    .slice(0, MAX_DISPLAY_NAME_LENGTH)
    .join("")
    .trim();
  return cleaned || fallback;
}

/** The identity as the core may store it, or undefined when its id cannot be a platform's. */
export function cleanIdentity(identity: IdentityRef): IdentityRef | undefined {
  const { externalId } = identity;
  if (
    !externalId ||
    externalId.length > MAX_EXTERNAL_ID_LENGTH ||
    isUnstorable(externalId) ||
    // No platform's user id holds a space or a control character (a blank one would become a blank name).
    /[\s\p{Cc}]/u.test(externalId)
  )
    return undefined;
  return { ...identity, displayName: cleanDisplayName(identity.displayName ?? "", externalId) };
}
