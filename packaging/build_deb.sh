#!/usr/bin/env bash
# Build the Linux package dist/cppcc-desk_<version>_amd64.deb from the frozen one-folder
# program (dist/cppcc-desk/, made by packaging/build_linux.sh, which this runs if needed).
#
#   packaging/build_deb.sh        (from anywhere; as root it installs the Debian packages it needs)
#
# Layout: /opt/cppcc-desk/ (the frozen program), /usr/bin/cppcc-desk (launcher),
# /usr/share/applications/cppcc-desk.desktop (政协履职工作台), hicolor icons (PNG + SVG).
# Depends is computed from the frozen libraries (dpkg-shlibdeps). Then run
# packaging/smoke_deb.sh. Stops with "DEB BUILD FAILED at step ..." on any problem.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
NAME=cppcc-desk
TITLE="政协履职工作台"
APP_DIR="$ROOT/dist/$NAME"

FAILURE="DEB BUILD FAILED"
# shellcheck source=packaging/steps.sh
source "$ROOT/packaging/steps.sh"
SCRATCH="$(mktemp -d "${TMPDIR:-/tmp}/$NAME-deb.XXXXXX")"
CLEANUP+=("rm -rf '$SCRATCH'")
PARTIAL=""
CLEANUP+=('[ -z "$PARTIAL" ] || rm -f "$PARTIAL"') # never a half-written .deb left behind
SECONDS=0

step "1/5 tools and the frozen program"
# dpkg-shlibdeps resolves every library the frozen program links against on this machine:
# the Qt run-time libraries must be installed here too, not only on the users' machines.
ensure_debian_packages dpkg-dev desktop-file-utils binutils "${QT_RUNTIME_PACKAGES[@]}"
if [ ! -x "$APP_DIR/$NAME" ]; then
    echo "no frozen program in dist/$NAME: running packaging/build_linux.sh"
    bash packaging/build_linux.sh || fail "packaging/build_linux.sh failed (above)"
fi
VERSION="$(sed -nE 's/^version = "([^"]+)"/\1/p' pyproject.toml | head -1)"
FROZEN_VERSION="$(env -u DISPLAY QT_QPA_PLATFORM=offscreen "$APP_DIR/$NAME" --version)" ||
    fail "dist/$NAME/$NAME --version failed: rebuild with packaging/build_linux.sh"
[ "$FROZEN_VERSION" = "$NAME $VERSION" ] ||
    fail "dist/$NAME is '$FROZEN_VERSION', pyproject.toml says $VERSION: rebuild with packaging/build_linux.sh"
DEB="$ROOT/dist/${NAME}_${VERSION}_amd64.deb"
rm -f "$DEB" # a failed build leaves no older package under this name
echo "$NAME $VERSION from dist/$NAME ($(du -sh "$APP_DIR" | cut -f1))"

step "2/5 package tree"
PKG="$SCRATCH/${NAME}_${VERSION}_amd64"
install -d -m 0755 "$PKG/DEBIAN" "$PKG/opt" "$PKG/usr/bin" "$PKG/usr/share/applications" \
    "$PKG/usr/share/doc/$NAME" "$PKG/usr/share/icons/hicolor/scalable/apps"
cp -a "$APP_DIR" "$PKG/opt/$NAME"
cat >"$PKG/usr/bin/$NAME" <<EOF
#!/bin/sh
# $TITLE ($NAME): the program lives in /opt/$NAME.
exec /opt/$NAME/$NAME "\$@"
EOF
chmod 0755 "$PKG/usr/bin/$NAME"
cat >"$PKG/usr/share/applications/$NAME.desktop" <<EOF
[Desktop Entry]
Type=Application
Version=1.0
Name=CPPCC Desk
Name[zh_CN]=$TITLE
GenericName=CPPCC office work
GenericName[zh_CN]=政协履职工作软件
Comment=Offline desktop program for county and city CPPCC offices
Comment[zh_CN]=县（市）政协办公室的离线履职工作软件
Exec=$NAME
Icon=$NAME
Terminal=false
Categories=Office;
Keywords=CPPCC;政协;委员;提案;履职;
StartupWMClass=$NAME
EOF
desktop-file-validate "$PKG/usr/share/applications/$NAME.desktop" ||
    fail "the .desktop entry is not valid (above)"
for size in 16 32 48 64 128 256; do
    install -D -m 0644 "resources/icons/app-$size.png" \
        "$PKG/usr/share/icons/hicolor/${size}x${size}/apps/$NAME.png"
done
install -m 0644 resources/icons/app.svg "$PKG/usr/share/icons/hicolor/scalable/apps/$NAME.svg"
cat >"$PKG/usr/share/doc/$NAME/copyright" <<EOF
$TITLE ($NAME) $VERSION
The program and the libraries bundled in /opt/$NAME (Python, Qt for Python/PySide6 under
the LGPL v3, SQLAlchemy, Alembic, python-docx, openpyxl, lxml, platformdirs, defusedxml),
each under its own licence; see /opt/$NAME/_internal/*.dist-info.
EOF
# Files are world-readable, folders and programs world-executable, whatever the umask was.
find "$PKG" -type d -exec chmod 0755 {} +
find "$PKG" -type f -perm /u+x -exec chmod 0755 {} +
find "$PKG" -type f ! -perm /u+x -exec chmod 0644 {} +

step "3/5 dependencies (dpkg-shlibdeps over the frozen libraries)"
mkdir -p "$SCRATCH/shlibs/debian"
printf 'Source: %s\n\nPackage: %s\nArchitecture: amd64\n' "$NAME" "$NAME" >"$SCRATCH/shlibs/debian/control"
mapfile -t ELFS < <(find "$PKG/opt/$NAME" -type f -exec sh -c 'head -c 4 "$1" | grep -q "ELF" && echo "$1"' _ {} \;)
mapfile -t PRIVATE < <(find "$PKG/opt/$NAME" -type f -name '*.so*' -printf '%h\n' | sort -u)
(cd "$SCRATCH/shlibs" && dpkg-shlibdeps -O --ignore-missing-info "${PRIVATE[@]/#/-l}" "${ELFS[@]}" \
    2>"$SCRATCH/shlibdeps.err") >"$SCRATCH/shlibdeps.out" ||
    { cat "$SCRATCH/shlibdeps.err" >&2; fail "dpkg-shlibdeps failed (above)"; }
DEPENDS="$(sed -n 's/^shlibs:Depends=//p' "$SCRATCH/shlibdeps.out")"
[ -n "$DEPENDS" ] || fail "dpkg-shlibdeps found no dependencies"
# Qt loads some of these at run time (plugins), so no ELF above names all of them; the
# xcb platform needs them all (QT_RUNTIME_PACKAGES, scripts/debian_packages.sh).
for pkg in "${QT_RUNTIME_PACKAGES[@]}"; do
    grep -qE "(^|, )$pkg( |,|$)" <<<"$DEPENDS" || DEPENDS="$DEPENDS, $pkg"
done
echo "${#ELFS[@]} libraries and programs; Depends: $DEPENDS" | fold -s -w 100
INSTALLED_KB="$(du -sk --exclude=DEBIAN "$PKG" | cut -f1)"
cat >"$PKG/DEBIAN/control" <<EOF
Package: $NAME
Version: $VERSION
Architecture: amd64
Maintainer: 政协履职工作台项目组 <cppcc-desk@localhost>
Installed-Size: $INSTALLED_KB
Depends: $DEPENDS
Recommends: fonts-noto-cjk | fonts-wqy-microhei | fonts-wqy-zenhei
Section: misc
Priority: optional
Description: 政协履职工作台 — offline program for county CPPCC offices
 CPPCC Desk (政协履职工作台) keeps a county or city CPPCC office's members,
 duty records, proposals and reports in a local SQLite database, with no
 network. Data lives in each user's ~/.local/share/cppcc-desk and is kept
 when the package is removed.
EOF

step "4/5 dpkg-deb"
PARTIAL="$ROOT/dist/.${NAME}_${VERSION}_amd64.deb.partial"
started=$SECONDS
# xz level 2: 43 MB in ~25 s on 2 cores; the default level 6 saves 2 MB and takes 90 s.
dpkg-deb --root-owner-group -Zxz -z2 --threads-max=2 --build "$PKG" "$PARTIAL" >/dev/null || fail "dpkg-deb failed (above)"
echo "dpkg-deb: $((SECONDS - started)) s"

step "5/5 check the package"
dpkg-deb --contents "$PARTIAL" | awk '{print $NF}' >"$SCRATCH/contents"
for path in "./opt/$NAME/$NAME" "./usr/bin/$NAME" "./usr/share/applications/$NAME.desktop" \
    "./usr/share/icons/hicolor/256x256/apps/$NAME.png" "./usr/share/icons/hicolor/scalable/apps/$NAME.svg"; do
    grep -qxF "$path" "$SCRATCH/contents" || fail "the package lacks $path"
done
[ "$(dpkg-deb --field "$PARTIAL" Version)" = "$VERSION" ] || fail "the package's version is not $VERSION"
mv -f "$PARTIAL" "$DEB"
PARTIAL=""

echo
echo "Linux package OK: dist/$(basename "$DEB") ($(du -h "$DEB" | cut -f1); installed $((INSTALLED_KB / 1024)) MB) in ${SECONDS} s"
