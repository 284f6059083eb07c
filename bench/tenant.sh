#!/usr/bin/env bash
# Times `baseline import` and `baseline plan --against-tenant` on a tenant at the policy limit: the
# enterprise example plus custom policies up to 195 Conditional Access policies (each naming a group and
# a named location), generated, then written as a tenant snapshot the way Graph returns it (IDs,
# timestamps, null members, named locations by ID). Launcher and JVM start-up included.
# Target (issue 13): each under 2000 ms here.
# Usage: bench/tenant.sh [runs]   (default 5). Needs jq.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v jq >/dev/null || { echo "bench/tenant.sh needs jq" >&2; exit 1; }

# The estate: the example, with custom policies CA100.. until 195 policies in all.
estate="$work/estate.yaml"
# No unmanaged policies: the estate itself holds all 195.
sed -e '/^customPolicies:/,/^data:/{/^data:/!d}' -e 's/^  unmanagedPolicyCount: .*/  unmanagedPolicyCount: 0/' \
  "$root/examples/enterprise-p2/estate.yaml" >"$estate.base"
cp "$estate.base" "$work/base.yaml"
"$root/baseline" generate "$work/base.yaml" --out "$work/probe" >/dev/null
baseline_count=$(find "$work/probe/entra/conditional-access" -name '*.json' | wc -l)
custom=$((195 - baseline_count))
{
  sed '/^data:/,$d' "$estate.base"
  echo "customPolicies:"
  for ((i = 0; i < custom; i++)); do
    printf '  - id: CA%03d\n    name: Block country set %d\n    summary: Bench policy %d.\n    stage: report-only\n' \
      $((100 + i)) "$i" "$i"
    printf '    policy:\n      conditions:\n        users:\n          includeUsers: [All]\n          excludeGroups: ["group:service-accounts"]\n'
    printf '        applications:\n          includeApplications: [All]\n        clientAppTypes: [all]\n'
    printf '        locations:\n          includeLocations: ["namedLocation:blocked-countries"]\n'
    printf '      grantControls:\n        operator: OR\n        builtInControls: [block]\n'
  done
  sed -n '/^data:/,$p' "$estate.base"
} >"$estate"
"$root/baseline" generate "$estate" --out "$work/out" >/dev/null

# The snapshot: every generated policy and named location as Graph returns it.
snap="$work/snapshot"
mkdir -p "$snap/entra"
guid() { printf '00000000-0000-4000-8000-%012d' "$1"; }
n=0
locs='[]'
map='{}'
while IFS= read -r row; do
  n=$((n + 1)); id="$(guid "$n")"
  key="$(jq -r .key <<<"$row")"; file="$(jq -r .file <<<"$row")"
  locs="$(jq --arg id "$id" --slurpfile body "$work/out/entra/$file" \
    '. + [$body[0] + {id: $id, createdDateTime: "2026-01-01T00:00:00Z", modifiedDateTime: null}]' <<<"$locs")"
  map="$(jq --arg k "namedLocation:$key" --arg id "$id" '. + {($k): $id}' <<<"$map")"
done < <(jq -c '.namedLocations[]' "$work/out/entra/deployment.json")
jq -n --argjson v "$locs" '{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/namedLocations", value: $v}' \
  >"$snap/entra/named-locations.json"
for f in "$work"/out/entra/conditional-access/*.json; do
  n=$((n + 1))
  jq --arg id "$(guid "$n")" --argjson map "$map" '
    . + {id: $id, createdDateTime: "2026-01-01T00:00:00Z", modifiedDateTime: null, templateId: null,
         partialEnablementStrategy: null}
    | if .conditions.locations then
        .conditions.locations |= with_entries(.value |= map($map[.] // .))
      else . end' "$f"
done | jq -s '{"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#identity/conditionalAccess/policies", value: .}' \
  >"$snap/entra/conditional-access-policies.json"
tenant="$(sed -n 's/^  id: //p' "$estate" | head -1)"
jq -n --arg t "$tenant" '{formatVersion: 1, tenantId: $t, exportedAt: "2026-12-01T00:00:00Z",
  tool: {name: "bench", version: "0"}, script: "bench/tenant.sh", subscriptions: [], missing: []}' >"$snap/snapshot.json"
echo "snapshot: $(jq '.value | length' "$snap/entra/conditional-access-policies.json") policies," \
  "$(jq '.value | length' "$snap/entra/named-locations.json") named locations"

measure() {
  local label="$1" times=() start end
  shift
  for ((i = 0; i < runs; i++)); do
    rm -f "$work/imported.yaml"
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(((end - start) / 1000000)))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v label="$label" '{ a[NR] = $1 } END { printf "%s: runs=%d min=%dms median=%dms max=%dms\n", label, NR, a[1], a[int((NR + 1) / 2)], a[NR] }'
}
# Each command must do its work, not fail fast: checked once before timing.
"$root/baseline" import "$snap" --out "$work/imported.yaml" >/dev/null 2>&1 ||
  { echo "import failed" >&2; exit 1; }
echo "imported: $(grep -c 'tenantObjectId:' "$work/imported.yaml") tenant objects (policies and named locations)"
code=0
"$root/baseline" plan "$estate" --against-tenant "$snap" --detailed-exitcode >"$work/plan.txt" 2>&1 || code=$?
[ "$code" = 0 ] || { echo "plan against the tenant: exit $code (expected 0: no changes)" >&2; exit 1; }
measure "import, 195 policies" "$root/baseline" import "$snap" --out "$work/imported.yaml"
measure "plan --against-tenant, 195 policies" "$root/baseline" plan "$estate" --against-tenant "$snap"
