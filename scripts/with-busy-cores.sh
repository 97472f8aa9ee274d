#!/usr/bin/env bash
# Runs a command while every core is kept busy by a loop of its own, e.g. `scripts/with-busy-cores.sh make test`:
# a test that passes on a quiet machine must pass on a slow or busy one too.
set -u
loops=()
for _ in $(seq "$(nproc)"); do
  python3 -c 'while True: pass' &
  loops+=($!)
done
trap 'kill "${loops[@]}" 2>/dev/null' EXIT
"$@"
