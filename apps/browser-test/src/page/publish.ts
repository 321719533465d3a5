// How a test page hands its result to the driver: `window.__result` for playwright to wait on and
// read, and the same JSON in the DOM so the screenshot shows it.

import type {} from "./result-global.js";

export function publish(result: { readonly ok: boolean }): void {
  const status = document.getElementById("status");
  if (status) {
    status.textContent = result.ok ? "PASS" : "FAIL";
    status.className = result.ok ? "pass" : "fail";
  }
  const pre = document.getElementById("result");
  if (pre) pre.textContent = JSON.stringify(result, null, 2);
  // Set last: the driver waits for this, and by then the DOM shows the result for its screenshot.
  window.__result = result;
}
