# shellcheck shell=bash
# Step headers, one clear failure line, and clean-up at exit for the packaging scripts,
# plus what every one of them needs first: the Debian packages (installed when missing)
# and the project's .venv (scripts/bootstrap.sh).
# Source it after setting FAILURE (e.g. FAILURE="DEB BUILD FAILED"); add clean-up
# commands with CLEANUP+=("rm -rf '$SCRATCH'").
PROJECT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=scripts/debian_packages.sh
source "$PROJECT_DIR/scripts/debian_packages.sh"

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

# ensure_debian_packages PACKAGE...: install the missing ones (as root, apt-get), else stop.
ensure_debian_packages() {
    install_debian_packages "$@" || fail "the Debian packages it needs are missing: $* (see above)"
}

# ensure_venv [--dev]: the project's .venv with its pinned packages (--dev: PyInstaller
# and the test tools), and the system libraries Qt needs; scripts/bootstrap.sh adds
# only what is missing.
# shellcheck disable=SC2120  # ensure_venv is called with and without --dev
ensure_venv() {
    bash "$PROJECT_DIR/scripts/bootstrap.sh" "$@" || fail "scripts/bootstrap.sh $* failed (above)"
}
