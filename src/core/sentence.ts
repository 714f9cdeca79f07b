// What the core says to a person when it refuses something: plain words, with
// the instants, calendar days and commands it mentions kept as typed parts.
// The chat layer renders the parts for the reader (their time zone, the
// command tree's own spelling), so the core never formats a date or names a
// command itself.

export type Part =
  | string
  | { instant: Date }
  /** A calendar day; of a term's timeline, in its program's zone (the zone its dates were typed in). */
  | { day: Date; zone?: string }
  /** A command of the tree, by its path ("mentor requests"), with the arguments to show after it. */
  | { command: string; args?: string[] };

export class Sentence {
  constructor(readonly parts: readonly Part[]) {}

  /** The sentence with instants in UTC: for logs and tests, never for a person. */
  toString(): string {
    return this.parts
      .map((part) => {
        if (typeof part === "string") return part;
        if ("instant" in part) return part.instant.toISOString();
        if ("day" in part) return part.day.toISOString().slice(0, 10);
        return `/mentorship ${[part.command, ...(part.args ?? [])].join(" ")}`;
      })
      .join("");
  }
}

/** say`Due ${instant(d)}; see ${command("tasks")}.`: strings and numbers stay text, parts stay typed. */
export function say(strings: TemplateStringsArray, ...values: (Part | number)[]): Sentence {
  const parts: Part[] = [];
  strings.forEach((text, i) => {
    if (text) parts.push(text);
    if (i < values.length) {
      const value = values[i] as Part | number;
      parts.push(typeof value === "number" ? String(value) : value);
    }
  });
  return new Sentence(parts);
}

export const instant = (at: Date): Part => ({ instant: at });
export const day = (at: Date, zone?: string): Part => ({ day: at, ...(zone ? { zone } : {}) });
export const command = (path: string, ...args: string[]): Part => ({ command: path, ...(args.length ? { args } : {}) });

/** Words the core hands to the chat layer: plain text, or a sentence with typed parts. */
export type Words = string | Sentence;
