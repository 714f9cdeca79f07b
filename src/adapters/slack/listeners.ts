// Slack payloads read into chat requests. The slash command delivers a typed line by nature, so it is read
// by the same line parser as the console's; a button's action id names its action and its value the
// record; a submitted modal's callback id is the form, its private metadata the context.
import type { ButtonAction, SlashCommand, ViewOutput } from "@slack/bolt";
import { commandFromLine } from "../../chat/command-tree.js";
import {
  actionRequest,
  submissionRequest,
  type ActionRequest,
  type CommandRequest,
  type IdentityRef,
  type SubmissionRequest,
} from "../../chat/requests.js";
import { actionFromId } from "./blocks.js";
import { modalValues } from "./modals.js";

export function slackIdentity(user: { id: string; username?: string; name?: string }): IdentityRef {
  return { platform: "slack", externalId: user.id, displayName: user.username ?? user.name ?? user.id };
}

/** Slack's retries and replays of one request carry the same trigger id. */
export const requestKeyOf = (triggerId: string) => `slack:${triggerId}`;

export const commandRequestOf = (command: Pick<SlashCommand, "text">): CommandRequest =>
  commandFromLine(command.text ?? "");

export const actionRequestOf = (action: Pick<ButtonAction, "action_id" | "value">): ActionRequest =>
  actionRequest(actionFromId(action.action_id), action.value ?? "");

export const submissionOf = (view: Pick<ViewOutput, "callback_id" | "private_metadata" | "state">): SubmissionRequest =>
  submissionRequest(view.callback_id, view.private_metadata, modalValues(view.state));
