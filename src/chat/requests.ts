// What an adapter hands the chat layer: a platform's payload read into one of three typed requests. A
// platform with structured input (Discord's subcommands and named options, a modal's fields) fills the
// request from that structure; a platform that delivers a typed line (Slack's slash command, the
// console) reads it with `commandFromLine` in command-tree.ts. No adapter builds a command string.

/** A command of the command tree, by its path ("admin", "payments"), with its arguments by name. */
export interface CommandRequest {
  kind: "command";
  path: string[];
  args: Record<string, string | undefined>;
  /**
   * Words of a typed line past the last argument the command takes. Only a line has them; the chat layer
   * refuses them ("Too many words after …"), as it refuses an argument name the command does not have.
   */
  extra?: string[];
}

/** A button press: the action id registered in chat/actions and the value the button carried. */
export interface ActionRequest {
  kind: "action";
  action: string;
  value: string;
}

/** A filled-in form: its id, the context it was opened with, and its values by field id. */
export interface SubmissionRequest {
  kind: "submission";
  form: string;
  context: string;
  values: Record<string, string>;
}

export type ChatRequest = CommandRequest | ActionRequest | SubmissionRequest;

export const commandRequest = (path: string[], args: Record<string, string | undefined> = {}): CommandRequest => ({
  kind: "command",
  path,
  args,
});

export const actionRequest = (action: string, value: string): ActionRequest => ({ kind: "action", action, value });

export const submissionRequest = (
  form: string,
  context: string,
  values: Record<string, string>,
): SubmissionRequest => ({ kind: "submission", form, context, values });

// Who asks, as adapters name them: the chat layer is the adapters' only door, so the core's types they
// need come through here.
export type { IdentityRef } from "../core/people.js";
export { consoleName } from "../core/lookup.js";
export type { Platform } from "../generated/prisma/client.js";
