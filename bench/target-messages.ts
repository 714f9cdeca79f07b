// What bench/slack.ts and the processes it measures (bench/target.ts) say to each other, and the signing
// secret both sides use. Its own module: importing target.ts would start a target.
export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

export type ToTarget = "measure" | "report" | "stop";
export type FromTarget =
  | { ready: true; port: number }
  | { measuring: true }
  | { loopDelayP99Ms: number; loopDelayMaxMs: number; rssMiB: number }
  | { stopped: true };
