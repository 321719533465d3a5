import { registerBackend } from "@jaxts/backend";
import { createExampleBackend } from "./backend.js";

export { createExampleBackend } from "./backend.js";

// Priority -1 keeps cpu the default; a plugin for faster hardware would register above cpu's 0.
registerBackend("example", () => createExampleBackend(), { priority: -1 });
