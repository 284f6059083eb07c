[#--
  The temporary file OUTPUT_FILE that holds the output of the last command, of enable-defender.sh,
  deploy-connectors.sh, setup-gcp.sh and enable-sentinel.sh. The script creates it (mktemp) and sets cleanup as its EXIT trap.
--]
[#noparse]
# Shared helpers (templates/scripts/shared/output-file.sh.ftl): the temporary output file.

# Removes OUTPUT_FILE when the script made one (the EXIT trap).
cleanup() {
  if [[ -n "$OUTPUT_FILE" ]]; then
    rm -f -- "$OUTPUT_FILE"
  fi
}
[/#noparse]
