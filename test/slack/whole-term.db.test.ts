// The whole full-time term of the lifecycle, by Slack users, through slash
// commands, modals and buttons alone: once over HTTP (signed requests to
// /slack/events), once over Socket Mode (envelopes on a WebSocket).
import { expectEveryHintWorks } from "../scenarios/hints.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../src/store/database.js";
import { testDatabase } from "../support/database.js";
import { SLACK_TRANSPORTS, slackHarness, type SlackHarness } from "../support/slack.js";
import { SlackScript } from "../support/slack-script.js";
import { runWholeTerm } from "../scenarios/whole-term.js";

describe.each(SLACK_TRANSPORTS)("Slack over %s", (transport) => {
  let db: Database;
  let h: SlackHarness;
  beforeEach(async () => {
    db = await testDatabase();
    h = await slackHarness(db, "slack:UOPERATOR", undefined, { transport });
  });
  afterEach(async () => {
    await h.close();
    await db.close();
  });

  it("runs a whole full-time term from program creation to letters of completion", async () => {
    const script = new SlackScript(h);
    await runWholeTerm(script, h.clock, db, "full_time");
    // Every hint shown on the way exists and is open to its reader.
    expect(await expectEveryHintWorks(script)).toBeGreaterThan(10);
    // Over Socket Mode, every envelope was acknowledged by its id.
    if (h.socket) {
      expect(h.socket.envelopes.length).toBeGreaterThan(50);
      expect(new Set(h.socket.acks.map((a) => a.envelope_id))).toEqual(
        new Set(h.socket.envelopes.map((e) => e.envelope_id)),
      );
    }
  }, 120_000);
});
