[#--
  Helpers of every generated bash script (enable-defender.sh, deploy-connectors.sh, check-aws.sh, setup-gcp.sh,
  enable-sentinel.sh, export-tenant.sh). The one source of these functions: a script that needs them includes this
  file (outside its noparse block), and ScriptHelpersTest checks that no template defines them again. Needs
  the script's own usage function, whose first line is the synopsis; sets SCRIPT_NAME and EX_USAGE where it is
  included (before any command runs).
--]
[#noparse]
# Shared helpers (templates/scripts/shared/common.sh.ftl): errors.

# The script's name, in its messages, and the exit code of a wrong command line (EX_USAGE of sysexits.h).
SCRIPT_NAME="$(basename -- "${BASH_SOURCE[0]}")"
readonly SCRIPT_NAME
readonly EX_USAGE=64

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
