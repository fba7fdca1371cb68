#!/bin/sh
# Install the named Debian packages when missing; a second run installs nothing.
# Without apt-get or root rights, stop and name the exact packages to install.
missing=""
for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing="$missing $pkg"
done
[ -z "$missing" ] && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    echo "安装系统软件包 / installing Debian packages:$missing"
    apt-get update -qq >/dev/null && \
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null && exit 0
    echo "apt-get 安装失败 / apt-get failed for:$missing" >&2
    exit 1
fi
echo "缺少系统软件包 / missing Debian packages:$missing" >&2
echo "请以 root 运行 / run as root:  apt-get install$missing" >&2
exit 1
