# shellcheck shell=bash disable=SC2034  # QT_RUNTIME_PACKAGES is used by the scripts sourcing this
# Debian packages by name, for scripts/bootstrap.sh and every packaging script (sourced,
# not run; it defines functions and one list, and changes nothing by itself).
#
#   source scripts/debian_packages.sh
#   install_debian_packages xvfb xdotool || exit 1

# Qt's xcb platform plugin and the libraries Qt itself loads (EGL/GL, fontconfig,
# xkbcommon, D-Bus, GLib). The program needs them at run time, the frozen build's
# dpkg-shlibdeps needs them on the build machine, and the .deb depends on them.
QT_RUNTIME_PACKAGES=(libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3
    libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
    libxcb-shape0 libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-randr0
    libxcb-xfixes0)

# install_debian_packages PACKAGE...: installs those of the named packages that are not
# installed yet, with apt-get (as root), after one `apt-get update` per run (shared with
# the scripts this one starts). Returns 1, saying why on stderr, when it cannot. Off
# Debian/Ubuntu (no dpkg/apt-get) it only names the packages and returns 0: the step that
# needs them will say what is missing.
install_debian_packages() {
    local missing=() pkg log status=0
    if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
        echo "not a Debian/Ubuntu system: make sure these (or their equivalents) are installed: $*" >&2
        return 0
    fi
    for pkg in "$@"; do
        dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" ||
            missing+=("$pkg")
    done
    [ "${#missing[@]}" -eq 0 ] && return 0
    if [ "$(id -u)" != 0 ]; then
        echo "missing Debian packages: ${missing[*]}" >&2
        echo "run this as root (sudo) once, or install them: apt-get install ${missing[*]}" >&2
        return 1
    fi
    echo "installing Debian packages: ${missing[*]}"
    log="$(mktemp "${TMPDIR:-/tmp}/apt-get.XXXXXX")"
    if [ -z "${CPPCC_DESK_APT_UPDATED:-}" ]; then
        DEBIAN_FRONTEND=noninteractive apt-get update -qq >"$log" 2>&1 || status=$?
        if [ "$status" -ne 0 ]; then
            tail -20 "$log" >&2
            rm -f "$log"
            echo "apt-get update failed (above): are the Debian package sources reachable?" >&2
            return 1
        fi
        export CPPCC_DESK_APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" \
        >"$log" 2>&1 || status=$?
    if [ "$status" -ne 0 ]; then
        tail -20 "$log" >&2
        rm -f "$log"
        echo "apt-get install ${missing[*]} failed (above)" >&2
        return 1
    fi
    rm -f "$log"
}
