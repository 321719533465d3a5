// The browser-test harness, for this package's tests and later e2e tests (the playground's):
// ensure chromium, bundle or serve a page, drive it with playwright-core, keep the evidence.
export { bundlePage } from "./bundle.js";
export {
  CHROMIUM_ARGS,
  CHROMIUM_PATH,
  type ChromiumStatus,
  ensureChromium,
  launchChromium,
} from "./chromium.js";
export { ARTIFACTS_DIR, type Evidence, saveEvidence } from "./evidence.js";
export { PageSession } from "./page-session.js";
export { type PageRun, runPage } from "./run-page.js";
export { type ServeOptions, type StaticServer, serveStatic } from "./server.js";
export { unavailable } from "./unavailable.js";
export { type Comparison, compare, ELEMENTWISE, type Tolerance } from "./checks/tolerance.js";
