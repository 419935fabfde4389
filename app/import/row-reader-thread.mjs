// Worker threads start from JavaScript: this lets the reader thread's TypeScript load, wherever the import runs from.
import { register } from "tsx/esm/api";

register();
await import("./row-reader-thread.ts");
