#!/usr/bin/env bash
# npm run bench:lines: the benchmark once on each supported etcd line, each run labelled with its
# etcd version (bench-results/latest-etcd-<version>.json): PATH's etcd (Debian bookworm's 3.4), then
# 3.5 from scripts/install-etcd-3.5.sh (which needs root the first time, to unpack it). BENCH_* settings
# (test/bench/bench-settings.ts) apply to both runs. Then the README's figures are rewritten from both.
set -euo pipefail
cd "$(dirname "$0")/.."
etcd35=$(bash scripts/install-etcd-3.5.sh)
env -u ETCDECK_ETCD_BIN_DIR npm run bench
ETCDECK_ETCD_BIN_DIR="$etcd35" npm run bench
npm run bench:readme
