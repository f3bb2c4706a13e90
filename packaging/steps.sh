# Step headers, one clear failure line, and clean-up at exit for the packaging scripts.
# Source it after setting FAILURE (e.g. FAILURE="DEB BUILD FAILED"); add clean-up
# commands with CLEANUP+=("rm -rf '$SCRATCH'").

STEP="starting"
REPORTED=""
CLEANUP=() # commands run at exit, e.g. removing a scratch folder

step() {
    STEP="$1"
    printf '\n==> %s\n' "$STEP"
}

fail() {
    printf '\n%s at step "%s": %s\n' "$FAILURE" "$STEP" "$1" >&2
    REPORTED=1
    exit 1
}

on_exit() {
    local status=$? command
    for command in "${CLEANUP[@]}"; do
        eval "$command" || true
    done
    if [ "$status" -ne 0 ] && [ -z "$REPORTED" ]; then
        printf '\n%s at step "%s" (exit status %s)\n' "$FAILURE" "$STEP" "$status" >&2
    fi
}
trap on_exit EXIT
