import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { slackManifest } from "../../src/adapters/slack/manifest.js";

describe("the Slack app manifest", () => {
  it.each([
    ["manifests/slack.yaml", "http"],
    ["manifests/slack-socket-mode.yaml", "socket"],
  ] as const)(
    "%s is what the command tree generates (run `npm run manifests` after changing commands)",
    (file, mode) => {
      expect(readFileSync(file, "utf8")).toBe(slackManifest(mode));
    },
  );

  it("installs the command, interactivity, App Home and its event with the scopes they need", () => {
    const manifest = parse(slackManifest("http"));
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({
        command: "/mentorship",
        url: "https://YOUR-BOT-HOST/slack/events",
        should_escape: true,
      }),
    ]);
    expect(manifest.features.slash_commands[0].usage_hint).toContain("apply");
    expect(manifest.features.app_home.home_tab_enabled).toBe(true);
    expect(manifest.settings.interactivity).toEqual({
      is_enabled: true,
      request_url: "https://YOUR-BOT-HOST/slack/events",
    });
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(["app_home_opened"]);
    expect(manifest.oauth_config.scopes.bot).toEqual(
      expect.arrayContaining(["commands", "chat:write", "im:write", "files:write"]),
    );
    const socket = parse(slackManifest("socket"));
    expect(socket.settings.socket_mode_enabled).toBe(true);
    expect(socket.settings.interactivity.request_url).toBeUndefined();
  });
});
