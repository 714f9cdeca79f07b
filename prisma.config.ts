// Read by the Prisma CLI (generate, migrate diff). The CLI runs its schema
// engine as WASM through a driver adapter, so nothing is downloaded.
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { defineConfig } from "prisma/config";

// The schema names env("DATABASE_URL"); without a value the CLI would fall
// back to downloading an engine. The adapter below decides where queries go.
process.env.DATABASE_URL ??= "postgresql://placeholder@localhost/placeholder";

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    // Typed against an older copy of Prisma's adapter interface; same shape.
    return new PrismaPGlite(new PGlite()) as unknown as SqlMigrationAwareDriverAdapterFactory;
  },
});
