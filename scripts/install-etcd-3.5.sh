#!/usr/bin/env bash
# Unpacks etcd 3.5 (etcd, etcdctl, etcdutl) from Debian's sid or trixie packages into a directory,
# without installing them or upgrading anything else: bookworm, which the machine runs, has only
# etcd 3.4.23. Needs root for apt (a second source pinned at priority 50, so nothing is ever
# upgraded from it). Prints the directory holding the binaries: point ETCDECK_ETCD_BIN_DIR at it.
#
#   bash scripts/install-etcd-3.5.sh [DEST]     default DEST: .etcd/3.5 in the repository
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
dest=${1:-$repo/.etcd/3.5}
bin=$dest/usr/bin

if [ -x "$bin/etcd" ] && "$bin/etcd" --version 2>/dev/null | grep -q '^etcd Version: 3\.5\.'; then
	echo "$bin"
	exit 0
fi

if [ "$(id -u)" != 0 ]; then
	echo "install-etcd-3.5: needs root for apt-get (or unpack Debian's etcd-server and etcd-client 3.5 .debs into $dest yourself)" >&2
	exit 1
fi

export DEBIAN_FRONTEND=noninteractive
bookworm=$(grep -l 'Suites: bookworm' /etc/apt/sources.list.d/*.sources 2>/dev/null | head -1 || true)
added=0
for suite in sid trixie; do
	if [ -z "$bookworm" ]; then
		echo "install-etcd-3.5: no bookworm deb822 source in /etc/apt/sources.list.d to copy" >&2
		exit 1
	fi
	src=/etc/apt/sources.list.d/etcdeck-$suite.sources
	if [ ! -f "$src" ]; then
		# The first stanza of the bookworm entry (the main archive, not security), with the suite changed.
		awk 'BEGIN{RS="";ORS="\n\n"} NR==1' "$bookworm" | sed -E "s/^Suites: .*/Suites: $suite/" >"$src"
		printf 'Package: *\nPin: release n=%s\nPin-Priority: 50\n' "$suite" >/etc/apt/preferences.d/etcdeck-$suite
		added=1
	fi
done
if [ "$added" = 1 ] || ! apt-cache show etcd-server/trixie >/dev/null 2>&1; then
	apt-get update -qq
fi

work=$(mktemp -d)
chmod 755 "$work" # apt-get download runs as _apt
trap 'rm -rf "$work"' EXIT
# sid first (3.5.30 at the time of writing); trixie's 3.5.16 when sid has moved past the 3.5 line.
for suite in sid trixie; do
	version=$(apt-cache show "etcd-server/$suite" 2>/dev/null | awk '/^Version:/{print $2; exit}')
	case "$version" in
	3.5.*) ;;
	*) continue ;;
	esac
	(cd "$work" && apt-get download -qq "etcd-server/$suite" "etcd-client/$suite" >/dev/null)
	rm -rf "$dest"
	mkdir -p "$dest"
	for deb in "$work"/*.deb; do
		dpkg-deb -x "$deb" "$dest"
	done
	# awk reads to the end: head would close the pipe early and etcd die of SIGPIPE under pipefail.
	"$bin/etcd" --version | awk 'NR == 1' >&2
	echo "$bin"
	exit 0
done
echo "install-etcd-3.5: neither sid nor trixie offers etcd-server 3.5" >&2
exit 1
