[#--
  Helpers of every generated bash script (enable-defender.sh, deploy-connectors.sh, check-aws.sh, setup-gcp.sh).
  The one source of these functions: a script that needs them includes this file (outside its noparse block), and
  ScriptHelpersTest checks that no template defines them again. Needs SCRIPT_NAME, EX_USAGE and the script's own
  usage function, whose first line is the synopsis.
--]
[#noparse]
# Shared helpers (templates/scripts/shared/common.sh.ftl): errors.

# Prints the error and the synopsis (the first line of the usage text) to stderr and exits with EX_USAGE.
usage_error() {
  local synopsis
  synopsis="$(usage)"
  printf '%s: %s\n' "$SCRIPT_NAME" "$1" >&2
  printf '%s\n' "${synopsis%%$'\n'*}" >&2
  exit "$EX_USAGE"
}

die() {
  printf '%s: error: %s\n' "$SCRIPT_NAME" "$1" >&2
  exit 1
}
[/#noparse]
