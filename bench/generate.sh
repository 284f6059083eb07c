#!/usr/bin/env bash
# Times `./baseline generate` end to end (launcher and JVM start-up included) on an example estate.
# Usage: bench/generate.sh [estate.yaml] [runs]   (default: the enterprise example, 10 runs)
# Prints each run in milliseconds, then min / median / max. Target: well under 2000 ms.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
estate="${1:-$root/examples/enterprise-p2/estate.yaml}"
runs="${2:-10}"
"$root/baseline" --version >/dev/null   # builds the jar first if needed
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
times=()
for ((i = 0; i < runs; i++)); do
  start=$(date +%s%N)
  "$root/baseline" generate "$estate" --out "$out/run" >/dev/null 2>&1
  end=$(date +%s%N)
  times+=($(((end - start) / 1000000)))
done
printf '%s\n' "${times[@]}" | sort -n | awk '{ a[NR] = $1 } END { printf "runs=%d min=%dms median=%dms max=%dms\n", NR, a[1], a[int((NR + 1) / 2)], a[NR] }'
