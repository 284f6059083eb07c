#!/usr/bin/env bash
# Times `./baseline plan` on the enterprise example (launcher and JVM start-up included): against its own
# output (no changes) and against an output where one policy differs. Target: well under 2000 ms each.
# Usage: bench/plan.sh [runs]   (default 10)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
estate="$root/examples/enterprise-p2/estate.yaml"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/baseline" generate "$estate" --out "$work/same" >/dev/null 2>&1
"$root/baseline" generate "$estate" --out "$work/changed" >/dev/null 2>&1
# One policy differs: CA005 in the "changed" output is report-only; make it enforced there.
sed -i 's/"state": "enabledForReportingButNotEnforced"/"state": "enabled"/' \
  "$work/changed/entra/conditional-access/CA005-block-device-code-flow.json"
measure() {
  local label="$1" dir="$2" times=() start end
  for ((i = 0; i < runs; i++)); do
    start=$(date +%s%N)
    "$root/baseline" plan "$estate" --against "$dir" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '{ a[NR] = $1 } END { printf "%s: runs=%d min=%dms median=%dms max=%dms\n", label, NR, a[1], a[int((NR + 1) / 2)], a[NR] }'
}
measure "plan, no changes" "$work/same"
measure "plan, one policy changed" "$work/changed"
