#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium, the browser the browser tests drive with
# playwright-core (DESIGN.md section 8). CI starts from a clean machine that reaches only the npm
# registry and Debian's apt repositories, so the project installs its own browser rather than
# relying on a preinstalled one or on playwright's own downloads (which come from a CDN CI cannot reach).
#
# Idempotent: when chromium is already there it only prints its version and exits.
# Exit status: 0 when chromium is usable, 1 with a message on stderr when it cannot be installed.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"

if [ -x "$CHROMIUM" ]; then
  echo "ensure-chromium: present: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
  exit 0
fi

fail() {
  echo "ensure-chromium: cannot install chromium: $*" >&2
  echo "ensure-chromium: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH" >&2
  exit 1
}

# apt installs Debian's chromium at /usr/bin/chromium; a browser elsewhere is the caller's to provide.
[ "$CHROMIUM" = /usr/bin/chromium ] || fail "CHROMIUM_PATH=$CHROMIUM does not exist"

command -v apt-get >/dev/null 2>&1 || fail "apt-get not found (this script supports Debian and derivatives)"

# Root installs directly; anyone else needs passwordless sudo, since CI cannot answer a prompt.
if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  fail "not root and no passwordless sudo"
fi

export DEBIAN_FRONTEND=noninteractive
# Other processes (a concurrent test run, unattended upgrades) may hold the dpkg lock; apt waits for
# it up to this many seconds instead of failing at once.
APT_OPTS=(-y -q -o DPkg::Lock::Timeout=300 --no-install-recommends)

echo "ensure-chromium: installing Debian's chromium with apt-get ..."
"${SUDO[@]}" apt-get update -q -o DPkg::Lock::Timeout=300 >/dev/null || fail "apt-get update failed"
# fonts-liberation gives pages real glyphs (chromium without recommends may have no fonts at all).
"${SUDO[@]}" apt-get install "${APT_OPTS[@]}" chromium fonts-liberation >/dev/null ||
  fail "apt-get install chromium failed"

[ -x "$CHROMIUM" ] || fail "apt-get succeeded but $CHROMIUM is missing"
echo "ensure-chromium: installed: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
