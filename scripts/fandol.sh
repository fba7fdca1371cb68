#!/bin/sh
# FandolFang and FandolKai (仿宋 and 楷体, covering GB 2312 as 仿宋_GB2312 and 楷体_GB2312 do)
# for the archival PDF (see zhenggai/pdf/fonts.py). Debian ships them only inside
# texlive-lang-chinese: the two font files (and their licence) are extracted from that
# package (apt-get download, dpkg-deb -x); TeX Live is not installed.
# A second run does nothing. Root installs into /usr/local/share/fonts, others into ~/.local.
set -e
if fc-list ':family=FandolFang' file 2>/dev/null | grep -q . && fc-list ':family=FandolKai' file 2>/dev/null | grep -q .; then
    exit 0
fi
if [ "$(id -u)" = 0 ]; then
    dest=/usr/local/share/fonts/fandol
else
    dest="${XDG_DATA_HOME:-$HOME/.local/share}/fonts/fandol"
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "提取字体 FandolFang、FandolKai / extracting FandolFang and FandolKai from texlive-lang-chinese"
cd "$work"
if ! apt-get download texlive-lang-chinese >/dev/null 2>&1; then
    [ "$(id -u)" = 0 ] && apt-get update -qq >/dev/null 2>&1 || true
    if ! apt-get download texlive-lang-chinese >/dev/null 2>&1; then
        echo "无法下载 texlive-lang-chinese（apt-get download 失败）/ apt-get download texlive-lang-chinese failed" >&2
        exit 1
    fi
fi
dpkg-deb -x texlive-lang-chinese_*.deb unpacked
mkdir -p "$dest"
fonts=unpacked/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol
cp "$fonts/FandolFang-Regular.otf" "$fonts/FandolKai-Regular.otf" "$dest/"
cp unpacked/usr/share/doc/texlive-doc/fonts/fandol/COPYING.gz unpacked/usr/share/doc/texlive-doc/fonts/fandol/README "$dest/"
fc-cache -f "$dest" >/dev/null
echo "已安装 / installed: $dest/FandolFang-Regular.otf $dest/FandolKai-Regular.otf"
