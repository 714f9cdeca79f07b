// Outbox delivery on the console: a direct message to someone on the console is printed, its files saved.
import type { MessageView } from "../../chat/views.js";
import { deliveredMessage } from "../../chat/notifications.js";
import type { Sender } from "../../scheduler/dispatcher.js";

/** `print` shows one message to a person (by name) or a channel (#name), with the zone it is worded in. */
export function consoleSender(print: (to: string, view: MessageView, zone: string) => void): Sender {
  return {
    platform: "console",
    send: async (m) =>
      print(m.toChannel ? `#${m.target}` : m.target, await deliveredMessage(m, "console"), m.readerZone),
  };
}
