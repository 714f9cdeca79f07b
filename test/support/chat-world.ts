// The world of test/support/world.ts with the chat layer over it, made afresh for each test of a file:
// `const t = chatWorld();` then `t.w`, `t.chat` and `t.db` inside the tests.
import { pino } from "pino";
import { afterEach, beforeEach } from "vitest";
import { Chat } from "../../src/chat/chat.js";
import { testDatabase, type TestDatabase } from "./database.js";
import { buildWorld, type World } from "./world.js";

export interface ChatWorld {
  db: TestDatabase;
  w: World;
  chat: Chat;
}

/** Registers the hooks that build the world before each test (then `setUp`, if given) and close it after. */
export function chatWorld(setUp?: (t: ChatWorld) => Promise<void>): ChatWorld {
  const t = {} as ChatWorld;
  beforeEach(async () => {
    t.db = await testDatabase();
    t.w = await buildWorld(t.db);
    t.chat = new Chat(t.w.core, pino({ level: "silent" }));
    await setUp?.(t);
  });
  afterEach(async () => {
    await t.db.close();
  });
  return t;
}
