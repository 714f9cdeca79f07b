import { defineConfig } from "vitest/config";
import { BaseSequencer, type TestSpecification } from "vitest/node";

const onPostgres = process.env.DATABASE_URL?.startsWith("postgres") === true;

/**
 * The files that take longest start first, so that the two workers end together: without this, a fresh
 * clone (no timings cached yet) starts the largest files first, and the slowest file started late.
 */
const SLOWEST = [
  "test/scheduler/reminders.db.test.ts",
  "test/lifecycle/process.test.ts",
  "test/store/migrations.db.test.ts",
  "test/core/rules.db.test.ts",
];

class SlowestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (file: TestSpecification) => {
      const at = SLOWEST.findIndex((slow) => file.moduleId.endsWith(slow));
      return at < 0 ? SLOWEST.length : at;
    };
    // Array.prototype.sort is stable: the other files keep vitest's order.
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The reliability suite (kills, outages, fuzzing) has its own command: npm run test:reliability.
    // The sample scripts have theirs too: npm run test:examples.
    exclude: ["test/reliability/**", "test/examples/**", "**/node_modules/**"],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/setup.ts"],
    // Vitest's default on a machine of two cores is one worker (cores − 1): every file waited for the one
    // before. Two workers keep both cores busy; most of the time is PGlite (WebAssembly), CPU-bound.
    maxWorkers: 2,
    // Files share their worker: the modules (Prisma's client and WASM query compiler, PGlite's compiled
    // WebAssembly, discord.js, Bolt) load and warm up once per worker instead of once per file, and the
    // files of a worker share one PGlite, emptied before each test (test/support/database.ts). On
    // PostgreSQL (DATABASE_URL, .ci/run) each file keeps a worker and a database of its own, as before.
    isolate: onPostgres,
    sequence: { sequencer: SlowestFirst },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // `npm run coverage`: what the suite runs of src/ (the generated Prisma client aside).
    coverage: {
      provider: "v8",
      reporter: ["text-summary", "json-summary"],
      include: ["src/**"],
      exclude: ["src/generated/**"],
    },
  },
});
