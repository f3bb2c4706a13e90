# shellcheck shell=bash disable=SC2034  # QT_RUNTIME_PACKAGES is used by the scripts sourcing this
# Debian packages, for scripts/bootstrap.sh and every packaging script (sourced, not run;
# it defines functions and one list, and changes nothing by itself).
#
#   source scripts/debian_packages.sh
#   install_debian_packages xvfb xdotool || exit 1
#
# Each function returns 1, saying why on stderr, when it cannot do its work.

# Qt's xcb platform plugin and the libraries Qt itself loads (EGL/GL, fontconfig,
# xkbcommon, D-Bus, GLib). The program needs them at run time, the frozen build's
# dpkg-shlibdeps needs them on the build machine, and the .deb depends on them.
QT_RUNTIME_PACKAGES=(libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3
    libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1
    libxcb-shape0 libxcb-image0 libxcb-render-util0 libxcb-xinerama0 libxcb-randr0
    libxcb-xfixes0)

# update_debian_package_lists: `apt-get update`, once per run (the scripts this one
# starts see CPPCC_DESK_APT_UPDATED and skip it).
update_debian_package_lists() {
    [ -z "${CPPCC_DESK_APT_UPDATED:-}" ] || return 0
    _apt_get update || { echo "apt-get update failed: are the Debian package sources reachable?" >&2; return 1; }
    export CPPCC_DESK_APT_UPDATED=1
}

# install_debian_packages PACKAGE...: installs those of the named packages that are not
# installed yet (apt-get as root, package lists updated first). Off Debian/Ubuntu (no
# dpkg/apt-get) it only names them and returns 0: the step that needs them says what is
# missing.
install_debian_packages() {
    local missing=() pkg
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
    update_debian_package_lists || return 1
    _apt_get install -y --no-install-recommends "${missing[@]}" ||
        { echo "apt-get install ${missing[*]} failed (above)" >&2; return 1; }
}

# install_deb_file FILE.deb: installs a local package with apt-get (as root), which pulls
# in its dependencies; when that fails on package lists that were not updated in this
# run, it updates them and tries once more.
install_deb_file() {
    local deb="$1"
    [ "$(id -u)" = 0 ] || { echo "installing $deb needs root" >&2; return 1; }
    if [ -n "${CPPCC_DESK_APT_UPDATED:-}" ] || ! _apt_get install -y --no-install-recommends "$deb" 2>/dev/null; then
        update_debian_package_lists || return 1
        _apt_get install -y --no-install-recommends "$deb" ||
            { echo "apt-get install $deb failed (above)" >&2; return 1; }
    fi
}

# _apt_get ARGS...: quiet, non-interactive apt-get; its output is shown only when it fails.
_apt_get() {
    local log status=0
    log="$(mktemp "${TMPDIR:-/tmp}/apt-get.XXXXXX")"
    DEBIAN_FRONTEND=noninteractive apt-get -qq "$@" >"$log" 2>&1 || status=$?
    [ "$status" -eq 0 ] || tail -20 "$log" >&2
    rm -f "$log"
    return "$status"
}
