import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: { "~": fileURLToPath(new URL("./app", import.meta.url)) },
  },
  test: {
    include: ["tests/**/*.test.ts"],
    // Browser tests build and start the app once; they need room.
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: "forks",
  },
});
