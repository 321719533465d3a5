// What a browser test does when it has no browser: in CI (CI set) that is a failure, since CI must
// prove the browser path; on a developer's machine without apt or chromium it skips and says why.

export function unavailable(reason: string, skip: (note?: string) => never): never {
  if (process.env.CI) {
    throw new Error(`browser test: ${reason}\n(CI is set, so a missing or broken chromium fails the test)`);
  }
  console.warn(`browser test skipped: ${reason}`);
  return skip(reason);
}
