// Entry of the grad page: imports the webgpu backend (importing registers it; the umbrella does
// not include it yet), runs the check and publishes the result.
import "@jaxts/backend-webgpu";
import { runGradCheck } from "./grad-check.js";
import { publish } from "./publish.js";

publish(await runGradCheck());
