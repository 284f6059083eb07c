[#--
  The command line of the bash scripts whose only option is a switch: deploy-connectors.sh and enable-sentinel.sh
  (--what-if), setup-gcp.sh (--dry-run). Needs the script's usage function and usage_error (common.sh.ftl).
--]
[#noparse]
# Shared helpers (templates/scripts/shared/switch-args.sh.ftl): a command line of one switch.

# parse_switch_args OPTION VARIABLE [ARGUMENT]...: sets VARIABLE to true when OPTION is given, prints the usage
# for -h or --help and exits; any other argument is a usage error.
parse_switch_args() {
  local option="$1" variable="$2"
  shift 2
  while (($# > 0)); do
    case "$1" in
      "$option")
        printf -v "$variable" '%s' true
        ;;
      -h | --help)
        usage
        exit 0
        ;;
      *)
        usage_error "unknown argument: $1"
        ;;
    esac
    shift
  done
}
[/#noparse]
