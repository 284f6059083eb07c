#!/usr/bin/env bash
# Times `./baseline validate`, `generate` and `plan --against <previous output>` on the enterprise example
# and on an estate at the platform limits, each as a ratio to `./baseline --version` measured in the same
# run (JVM start-up and the launcher included), with each command's peak memory, against the goals of
# issue 16:
#   enterprise example: generate, validate and plan each within 1.5x `--version` (mean time);
#   limits estate:      generate and plan each under 1.5 s (mean) and under 256 MiB peak memory (max RSS).
# The limits estate (bench/LimitsEstate.java, seeded: the same bytes on every run) holds 195 Conditional
# Access policies (the enterprise tier's baseline policies plus custom ones; no unmanaged ones), 195 named
# locations, 100 DLP policies, 1,000 Azure subscriptions, 500 AWS accounts and 500 GCP projects. Its
# "newer" variant enforces everything, widens the trusted locations, excludes a group from each custom
# policy, drops a break-glass account and downgrades a Defender plan everywhere (as PlanAtLimitsTest does);
# `plan` compares it with the output of the older one. The enterprise plan compares the example with its
# output where one policy differs (as bench/plan.sh does). For `import` and `plan --against-tenant` at the
# policy limit see bench/tenant.sh.
#
# Usage: bench/limits.sh [--runs N] [--warmup N] [--seed N] [--out FILE]
#   --runs N     timed runs of each command (default 10); --warmup N untimed runs before them (default 2)
#   --seed N     seed of the limits estate (default 16)
#   --out FILE   also write the table as Markdown to FILE
# Needs hyperfine (Debian/Ubuntu: sudo apt-get install hyperfine; macOS: brew install hyperfine), jq and
# Java 17; peak memory needs GNU time at /usr/bin/time (Debian/Ubuntu: sudo apt-get install time).
# Exit status: 0 when every goal passes, 2 when one fails, 1 on an error.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs=10
warmup=2
seed=16
out=""
usage() { sed -n '/^# Usage:/,/^# Exit status/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}" >&2; exit "${1:-64}"; }
while (($#)); do
  case "$1" in
    --runs) runs="${2:-}"; shift 2 || usage ;;
    --warmup) warmup="${2:-}"; shift 2 || usage ;;
    --seed) seed="${2:-}"; shift 2 || usage ;;
    --out) out="${2:-}"; shift 2 || usage ;;
    -h | --help) usage 0 ;;
    *) echo "bench/limits.sh: unknown argument: $1" >&2; usage ;;
  esac
done
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "bench/limits.sh: --runs needs a positive number" >&2; exit 64; }
[[ "$warmup" =~ ^[0-9]+$ ]] || { echo "bench/limits.sh: --warmup needs a number" >&2; exit 64; }
[[ "$seed" =~ ^-?[0-9]+$ ]] || { echo "bench/limits.sh: --seed needs an integer" >&2; exit 64; }
[[ -z "$out" || -d "$(dirname "$out")" ]] || { echo "bench/limits.sh: no directory for --out $out" >&2; exit 64; }

if ! command -v hyperfine >/dev/null 2>&1; then
  echo "bench/limits.sh needs hyperfine: sudo apt-get install hyperfine (Debian/Ubuntu), brew install hyperfine" \
    "(macOS) or cargo install hyperfine" >&2
  exit 1
fi
command -v jq >/dev/null 2>&1 || { echo "bench/limits.sh needs jq: sudo apt-get install jq (or brew install jq)" >&2; exit 1; }
command -v java >/dev/null 2>&1 || { echo "bench/limits.sh needs Java 17 (java on PATH)" >&2; exit 1; }
gnutime=""
if [[ -x /usr/bin/time ]] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
  gnutime=/usr/bin/time
else
  echo "bench/limits.sh: GNU time is missing at /usr/bin/time (Debian/Ubuntu: sudo apt-get install time):" \
    "peak memory is not measured and its goals are not judged" >&2
fi

baseline="$root/baseline"
# The JDK the launcher runs: $JAVA_HOME's when set, as ./baseline chooses.
jvm=java
[[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/java" ]] && jvm="$JAVA_HOME/bin/java"
"$baseline" --version >/dev/null   # builds the jar first if needed
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# --- The estates ---------------------------------------------------------------------------------------
enterprise="$root/examples/enterprise-p2/estate.yaml"
count() { find "$1" -name '*.json' | wc -l | tr -d ' '; }
limits_estate() { java "$root/bench/LimitsEstate.java" "$@"; }
# How many policies the enterprise tier generates for this tenant by itself: custom ones fill up the rest.
limits_estate --ca-custom 0 --dlp-custom 0 "$work/probe.yaml" "$seed"
"$baseline" generate "$work/probe.yaml" --out "$work/probe" >/dev/null 2>&1 ||
  { echo "bench/limits.sh: generating the probe estate failed" >&2; "$baseline" validate "$work/probe.yaml" >&2; exit 1; }
ca_custom=$((195 - $(count "$work/probe/entra/conditional-access")))
dlp_custom=$((100 - $(count "$work/probe/purview/dlp")))
limits_estate --ca-custom "$ca_custom" --dlp-custom "$dlp_custom" "$work/limits-older.yaml" "$seed"
limits_estate --newer --ca-custom "$ca_custom" --dlp-custom "$dlp_custom" "$work/limits.yaml" "$seed"
# One policy's summary edited: the edit a person makes and regenerates after (its policy file and the manifest change).
awk '!done && /^    summary: / { sub(/summary: /, "summary: Edited. "); done = 1 } { print }' "$work/limits.yaml" \
  >"$work/limits-edited.yaml"
cmp -s "$work/limits.yaml" "$work/limits-edited.yaml" &&
  { echo "bench/limits.sh: the limits estate has no policy summary to edit" >&2; exit 1; }
for estate in "$work/limits-older.yaml" "$work/limits.yaml" "$work/limits-edited.yaml"; do
  "$baseline" validate "$estate" >"$work/validate.txt" 2>&1 ||
    { echo "bench/limits.sh: validate rejects $(basename "$estate"):" >&2; tail -20 "$work/validate.txt" >&2; exit 1; }
done
# The previous outputs that plan compares with.
"$baseline" generate "$work/limits-older.yaml" --out "$work/limits-previous" >/dev/null 2>&1
"$baseline" generate "$enterprise" --out "$work/enterprise-previous" >/dev/null 2>&1
"$baseline" generate "$enterprise" --out "$work/enterprise-out" >/dev/null 2>&1   # for "up to date"
# One policy differs: CA005 is report-only in the example; make it enforced in the previous output.
sed -i.orig 's/"state": "enabledForReportingButNotEnforced"/"state": "enabled"/' \
  "$work/enterprise-previous/entra/conditional-access/CA005-block-device-code-flow.json"
rm -f "$work/enterprise-previous/entra/conditional-access/CA005-block-device-code-flow.json.orig"
# The newer estate at the limits, checked once.
"$baseline" generate "$work/limits.yaml" --out "$work/limits-generated" >/dev/null 2>&1
ca=$(count "$work/limits-generated/entra/conditional-access")
nl=$(count "$work/limits-generated/entra/named-locations")
dlp=$(count "$work/limits-generated/purview/dlp")
[[ "$ca" == 195 && "$nl" == 195 && "$dlp" == 100 ]] ||
  { echo "bench/limits.sh: the limits estate generates $ca policies, $nl named locations, $dlp DLP policies" >&2; exit 1; }
sha() { if command -v sha256sum >/dev/null; then sha256sum "$1"; else shasum -a 256 "$1"; fi | cut -c1-12; }
echo "limits estate (seed $seed): $ca Conditional Access policies ($ca_custom custom), $nl named locations," \
  "$dlp DLP policies ($dlp_custom custom), $(grep -c '^        name: Subscription ' "$work/limits.yaml") Azure subscriptions," \
  "$(grep -c '^        name: AWS account ' "$work/limits.yaml") AWS accounts," \
  "$(grep -c '^      - projectId: ' "$work/limits.yaml") GCP projects;" \
  "$(wc -c <"$work/limits.yaml" | tr -d ' ') bytes, sha256 $(sha "$work/limits.yaml") (older: $(sha "$work/limits-older.yaml"))"

# --- The commands --------------------------------------------------------------------------------------
# name|estate|goal|preparation|command line (for sh; paths quoted). Goals: ratio:X (mean within X times
# --version), limit:MS:MIB (mean under MS milliseconds, peak memory under MIB MiB), none (reported only).
# The preparation runs before each run, untimed (hyperfine --prepare; ":" for none). `generate` is timed
# twice: into a new directory (removed before each run: everything is written), and again into its own
# output, which is then up to date (nothing is written: the usual case when a pull request's check
# regenerates an unchanged estate), and at the limits a third time into the output of the estate before one
# policy's summary was edited (restored before each run: the loop of a person editing the estate).
# `java -version`, with the launcher's compiler and collector, is the floor under every command: the JVM
# starting and stopping with nothing of the tool loaded.
q() { printf '%q' "$1"; }
b="$(q "$baseline")"
cases=(
  "--version|-|none|:|$b --version"
  "java -version (the JVM alone)|-|none|:|$(q "$jvm") -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -version"
  "validate|enterprise|ratio:1.5|:|$b validate $(q "$enterprise")"
  "generate, new directory|enterprise|ratio:1.5|rm -rf $(q "$work/enterprise-new")|$b generate $(q "$enterprise") --out $(q "$work/enterprise-new")"
  "generate, up to date|enterprise|ratio:1.5|:|$b generate $(q "$enterprise") --out $(q "$work/enterprise-out")"
  "plan --against|enterprise|ratio:1.5|:|$b plan $(q "$enterprise") --against $(q "$work/enterprise-previous")"
  "validate|limits|none|:|$b validate $(q "$work/limits.yaml")"
  "generate, new directory|limits|limit:1500:256|rm -rf $(q "$work/limits-new")|$b generate $(q "$work/limits.yaml") --out $(q "$work/limits-new")"
  "generate, up to date|limits|limit:1500:256|:|$b generate $(q "$work/limits.yaml") --out $(q "$work/limits-generated")"
  "generate, one policy edited|limits|limit:1500:256|$b generate $(q "$work/limits.yaml") --out $(q "$work/limits-edit") >/dev/null 2>&1|$b generate $(q "$work/limits-edited.yaml") --out $(q "$work/limits-edit")"
  "plan --against|limits|limit:1500:256|:|$b plan $(q "$work/limits.yaml") --against $(q "$work/limits-previous")"
)
args=()
for c in "${cases[@]}"; do
  IFS='|' read -r name estate _ prepare cmd <<<"$c"
  label="$name"
  [[ "$estate" == - ]] || label+=" ($estate)"
  args+=("--prepare=$prepare" "--command-name=$label" "$cmd")
done
echo "timing ${#cases[@]} commands: $warmup warmup and $runs timed runs each (hyperfine)..."
hyperfine --style basic --warmup "$warmup" --runs "$runs" --export-json "$work/times.json" "${args[@]}" ||
  { echo "bench/limits.sh: hyperfine failed (a command exited with an error?)" >&2; exit 1; }

# Peak memory: the largest max RSS (KiB) of three runs, each after its preparation; the launcher execs
# java, so it is java's.
peak() {
  local prepare="$1" cmd="$2" kib max=0
  for _ in 1 2 3; do
    sh -c "$prepare" >/dev/null 2>&1 || { echo "?"; return; }
    sh -c "$gnutime -f %M -o $(q "$work/rss") $cmd" >/dev/null 2>&1 || { echo "?"; return; }
    kib="$(tail -1 "$work/rss")"
    if ((kib > max)); then max=$kib; fi
  done
  echo "$max"
}

# --- The table -----------------------------------------------------------------------------------------
ms() { jq -r --argjson i "$1" --arg f "$2" '.results[$i][$f] * 1000' "$work/times.json"; }
base_mean=$(ms 0 mean)
base_median=$(ms 0 median)
base_min=$(ms 0 min)
header=(Command Estate "Mean ms" "Median ms" "Min ms" "Mean ratio" "Median ratio" "Min ratio" "Peak MiB" Goal Result)
rows=()
failed=0
i=0
for c in "${cases[@]}"; do
  IFS='|' read -r name estate goal prepare cmd <<<"$c"
  mean=$(ms "$i" mean)
  median=$(ms "$i" median)
  min=$(ms "$i" min)
  kib="?"
  [[ -n "$gnutime" ]] && kib="$(peak "$prepare" "$cmd")"
  row="$(awk -v name="$name" -v estate="$estate" -v goal="$goal" -v kib="$kib" \
    -v mean="$mean" -v median="$median" -v min="$min" -v bmean="$base_mean" -v bmedian="$base_median" -v bmin="$base_min" '
    BEGIN {
      mib = (kib == "?") ? "?" : sprintf("%.0f", kib / 1024)
      split(goal, g, ":")
      verdict = "-"; want = "-"
      if (g[1] == "ratio") {
        want = "mean <= " g[2] "x --version"
        verdict = (mean / bmean <= g[2]) ? "PASS" : "FAIL"
      } else if (g[1] == "limit") {
        want = "mean < " g[2] " ms, peak < " g[3] " MiB"
        slow = mean >= g[2]; big = kib != "?" && kib / 1024 >= g[3]
        if (slow || big) verdict = "FAIL (" (slow ? "time" : "") (slow && big ? ", " : "") (big ? "memory" : "") ")"
        else verdict = (kib == "?") ? "PASS (time; memory not measured)" : "PASS"
      }
      printf "%s|%s|%.0f|%.0f|%.0f|%.2f|%.2f|%.2f|%s|%s|%s\n", name, estate, mean, median, min,
        mean / bmean, median / bmedian, min / bmin, mib, want, verdict
    }')"
  rows+=("$row")
  if [[ "$row" == *"|FAIL"* ]]; then failed=1; fi
  i=$((i + 1))
done

when="$(date -u '+%Y-%m-%d %H:%M UTC')"
context="$when; $(nproc 2>/dev/null || sysctl -n hw.ncpu) cores; load $(uptime | sed 's/.*load average[s]*: //');"
context+=" $("$jvm" -version 2>&1 | head -1); $runs runs after $warmup warmup runs; $(hyperfine --version)"
table() {   # the header and rows (cells separated by |) as aligned text, or as Markdown with "markdown"
  { (IFS='|'; echo "${header[*]}"); printf '%s\n' "${rows[@]}"; } | awk -F'|' -v markdown="${1:-}" '
    { for (i = 1; i <= NF; i++) { cell[NR, i] = $i; if (length($i) > w[i]) w[i] = length($i) } n = NR; f = NF }
    END {
      for (r = 1; r <= n; r++) {
        line = ""
        for (i = 1; i <= f; i++) {
          fmt = (i <= 2 || i >= 10 ? "%-" : "%") w[i] "s"
          line = line (markdown ? "| " : "") sprintf(fmt, cell[r, i]) (markdown ? " " : "  ")
        }
        if (markdown) line = line "|"; else sub(/ +$/, "", line)
        print line
        if (markdown && r == 1) {
          line = ""
          for (i = 1; i <= f; i++) { dashes = sprintf("%" w[i] "s", ""); gsub(/ /, "-", dashes); line = line "| " dashes (i <= 2 || i >= 10 ? " " : ":") }
          print line "|"
        }
      }
    }'
}
echo
echo "$context"
table
echo "Ratios are to --version in this run (mean $(printf '%.0f' "$base_mean") ms). Goals are judged on the mean; the"
echo "machine's load moves every figure, so compare the min ratios when it was busy. Exit status: 2 when a goal fails."
if [[ -n "$out" ]]; then
  { echo "Measured by \`bench/limits.sh\`: $context."; echo; table markdown; } >"$out"
  echo "Markdown table written to $out"
fi
exit $((failed * 2))
