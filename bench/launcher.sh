#!/usr/bin/env bash
# Times ./baseline --version, generate, validate and plan on the enterprise example, with the start-up cache
# off and on (hyperfine, side by side), and the peak memory of each (/usr/bin/time). Each cached command
# runs once first so that its archive exists.
# Usage: bench/launcher.sh [runs]   (default 5; JAVA_HOME picks the JDK as in ./baseline)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
estate="$root/examples/enterprise-p2/estate.yaml"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export BASELINE_CACHE_DIR="$work/cache"
b="$root/baseline"
"$b" generate "$estate" --out "$work/x" >/dev/null 2>&1
commands=(
  "$b --version"
  "$b generate $estate --out $work/out"
  "$b validate $estate"
  "$b plan $estate --against $work/x"
)
for c in "${commands[@]}"; do
  $c >/dev/null 2>&1 || true   # creates the command's archive
done
for c in "${commands[@]}"; do
  hyperfine -N -i --runs "$runs" --warmup 1 --export-markdown "$work/md" \
    -n "off: ${c#"$b" }" "env BASELINE_CACHE=off $c" -n "on: ${c#"$b" }" "$c" >/dev/null
  tail -n 2 "$work/md"
  for mode in off on; do
    # shellcheck disable=SC2086 # $c is a command line to split
    kb="$(env BASELINE_CACHE="$mode" /usr/bin/time -f %M $c 2>&1 >/dev/null | tail -n 1)"
    echo "peak $mode: $((kb / 1024)) MB"
  done
done
