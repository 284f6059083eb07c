#!/usr/bin/env bash
# Times `./baseline validate` on estates with 40,000 problems (unknown properties, duplicate keys) against
# `baseline --version`, so that diagnostics stay linear: the issue-9 target is under one second of work
# beyond start-up for each. Usage: bench/diagnostics.sh [runs]   (default 5)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
"$root/baseline" --version >/dev/null   # builds the jar first if needed
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
example="$root/examples/small-p1/estate.yaml"
{ sed -n '1,/^tenant:/p' "$example"; for ((i = 0; i < 40000; i++)); do echo "  x$i: 1"; done; sed -n '/^tenant:/,$p' "$example" | tail -n +2; } > "$work/unknown.yaml"
{ sed -n '1,/^tenant:/p' "$example"; for ((i = 0; i < 40000; i++)); do echo "  id: 1"; done; sed -n '/^tenant:/,$p' "$example" | tail -n +2; } > "$work/duplicates.yaml"
median() {
  local times=()
  for ((i = 0; i < runs; i++)); do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
floor=$(median "$root/baseline" --version)
for case in unknown duplicates; do
  t=$(median "$root/baseline" validate "$work/$case.yaml")
  echo "$case: median ${t}ms, start-up floor ${floor}ms, work $((t - floor))ms (target < 1000ms)"
done
