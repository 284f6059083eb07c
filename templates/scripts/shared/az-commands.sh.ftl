[#--
  Running the Azure CLI commands of enable-defender.sh, deploy-connectors.sh and enable-sentinel.sh (with
  output-file.sh.ftl): once, or retried with exponential back-off. Needs MAX_ATTEMPTS, RETRY_PATTERN and
  PERMANENT_PATTERN (empty: no failure is final by its code) of the script, and its usage_error (common.sh.ftl).
--]
[#noparse]
# Shared helpers (templates/scripts/shared/az-commands.sh.ftl): commands run once or with retry.

check_retry_base() {
  local base="${DEFENDER_RETRY_BASE_SECONDS:-15}"
  if [[ ! "$base" =~ ^[0-9]{1,4}$ ]]; then
    usage_error "DEFENDER_RETRY_BASE_SECONDS must be a whole number of seconds, not: ${base}"
  fi
  RETRY_BASE_SECONDS=$((10#$base))
  readonly RETRY_BASE_SECONDS
}

# Runs a command once; on failure prints its output to stderr and returns 1.
run_once() {
  if "$@" >"$OUTPUT_FILE" 2>&1; then
    return 0
  fi
  cat -- "$OUTPUT_FILE" >&2
  return 1
}

# Runs a command, retrying with exponential back-off while it fails because another operation is
# in progress (its output matches RETRY_PATTERN; up to MAX_ATTEMPTS attempts); a failure that matches
# PERMANENT_PATTERN, when the script names final codes, is not retried. On final failure prints its
# output to stderr, returns 1.
run_with_retry() {
  local attempt=1 delay
  while ! "$@" >"$OUTPUT_FILE" 2>&1; do
    if ((attempt >= MAX_ATTEMPTS)) ||
      { [[ -n "$PERMANENT_PATTERN" ]] && grep -Eq -- "$PERMANENT_PATTERN" "$OUTPUT_FILE"; } ||
      ! grep -Eq -- "$RETRY_PATTERN" "$OUTPUT_FILE"; then
      cat -- "$OUTPUT_FILE" >&2
      return 1
    fi
    delay=$((RETRY_BASE_SECONDS * (1 << (attempt - 1))))
    printf '  another operation is in progress (attempt %d of %d failed); retrying in %d s\n' \
      "$attempt" "$MAX_ATTEMPTS" "$delay"
    sleep "$delay"
    attempt=$((attempt + 1))
  done
}
[/#noparse]
