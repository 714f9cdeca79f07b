// Errors a person causes. The chat layer turns each into a plain sentence (or
// per-field errors in a form), rendered for the reader (see sentence.ts);
// anything else is our failure and gets an id.
import type { Words } from "./sentence.js";

/** The action is refused: who may do it, or why not now. */
export class Refusal extends Error {
  constructor(
    readonly words: Words,
    readonly reason: "not_allowed" | "not_now" | "not_found" | "conflict" = "not_now",
  ) {
    super(String(words));
  }
}

export const notAllowed = (words: Words) => new Refusal(words, "not_allowed");
export const notFound = (words: Words) => new Refusal(words, "not_found");
export const notNow = (words: Words) => new Refusal(words, "not_now");

/** Input that breaks a rule, keyed by the form field the person should fix. */
export class InvalidInput extends Error {
  constructor(readonly fieldErrors: Record<string, Words>) {
    super(
      Object.entries(fieldErrors)
        .map(([field, words]) => `${field}: ${String(words)}`)
        .join("; "),
    );
  }
}
