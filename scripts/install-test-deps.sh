#!/usr/bin/env bash
# What the tests need beyond the venv: Chromium for the browser tests, PostgreSQL 15 for the store tests, HAProxy for
# the cluster's (from Debian's packages it installs in ~15 s here).
# As root with apt, Debian's packages; otherwise Playwright's own Chromium (PostgreSQL must then be installed by hand).
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
[ -x /usr/lib/postgresql/15/bin/postgres ] || need+=(postgresql-15)
[ -x /usr/sbin/haproxy ] || need+=(haproxy)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "installing ${need[*]} from Debian's packages"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
elif [[ " ${need[*]} " == *" chromium "* ]]; then
  .venv/bin/python -m playwright install chromium
fi
