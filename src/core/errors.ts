// Errors a person causes. The chat layer turns each into a plain sentence (or
// per-field errors in a form); anything else is our failure and gets an id.

/** The action is refused: who may do it, or why not now. */
export class Refusal extends Error {
  constructor(
    message: string,
    readonly reason: "not_allowed" | "not_now" | "not_found" | "conflict" = "not_now",
  ) {
    super(message);
  }
}

export const notAllowed = (message: string) => new Refusal(message, "not_allowed");
export const notFound = (message: string) => new Refusal(message, "not_found");
export const notNow = (message: string) => new Refusal(message, "not_now");

/** Input that breaks a rule, keyed by the form field the person should fix. */
export class InvalidInput extends Error {
  constructor(readonly fieldErrors: Record<string, string>) {
    super(
      Object.entries(fieldErrors)
        .map(([field, message]) => `${field}: ${message}`)
        .join("; "),
    );
  }
}
