#!/usr/bin/env bash
# Make sure the system libraries that PyQt5's wheels load are present (Debian/Ubuntu names), and a font
# with Japanese glyphs for the Japanese UI (IPA Gothic, 3.5 MB; without one, Japanese shows as boxes).
# Installs them with apt-get when run as root (or with sudo); otherwise says what to install.
set -euo pipefail
PACKAGES="libgl1 libegl1 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
 libx11-xcb1 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0 libxcb-shape0
 libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core fonts-ipafont-gothic"
LIBRARIES="libGL.so.1 libglib-2.0.so.0 libfontconfig.so.1 libdbus-1.so.3 libxkbcommon-x11.so.0 libxcb-icccm.so.4"

[ "$(uname -s)" = Linux ] || exit 0
missing=0
for library in $LIBRARIES; do
    ldconfig -p 2>/dev/null | grep -q "$library" || missing=1
done
command -v fc-list >/dev/null 2>&1 && { fc-list :lang=ja 2>/dev/null | grep -q . || missing=1; }
[ "$missing" = 1 ] || exit 0
if ! command -v apt-get >/dev/null 2>&1; then
    echo "note: Qt needs the system libraries $LIBRARIES; install them with your package manager" >&2
    exit 0
fi
SUDO=""
if [ "$(id -u)" != 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO=sudo; else
        echo "note: Qt needs these Debian packages; install them with: sudo apt-get install $(echo $PACKAGES)" >&2
        exit 0
    fi
fi
echo "Installing the system libraries Qt needs: $(echo $PACKAGES)"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
