#!/usr/bin/env bash
# The browser tests need Debian's Chromium. Install it when we may (root); otherwise say what to do.
# The accessibility check installs axe-core with npm (tests/browser/package-lock.json).
if ! command -v npm >/dev/null 2>&1 && [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "npm installeren voor de toegankelijkheidstest (apt-get)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null) || true
fi
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Chromium installeren voor de browsertests (apt-get)..."
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || {
    echo "Chromium kon niet worden geinstalleerd." >&2; exit 1; }
else
  echo "Let op: Chromium ontbreekt. De browsertests worden overgeslagen (installeer: sudo apt-get install chromium)." >&2
fi
