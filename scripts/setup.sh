#!/usr/bin/env bash
# Installs what tlstrace needs to build and test on Debian 12 (or newer), idempotently.
# Quick when everything is already there: it only calls apt when a package is missing.
#   scripts/setup.sh          build dependencies (compiler, cmake, Mbed TLS 3.6, cJSON, Criterion,
#                             libwebsockets, libpcap)
#   scripts/setup.sh --test   also what the tests need (clang for the fuzzer, node packages, peers)
set -euo pipefail

want_test=0
for a in "$@"; do
  case "$a" in
    --test) want_test=1 ;;
    *) echo "setup.sh: unknown option '$a' (use --test)" >&2; exit 2 ;;
  esac
done

here=$(cd "$(dirname "$0")/.." && pwd)
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" -eq 0 ]; then
    $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
    apt_updated=1
  fi
}

# missing PKG... -> prints the packages that are not installed
missing() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || echo "$p"
  done
}

install_missing() {
  local need
  need=$(missing "$@")
  if [ -n "$need" ]; then
    apt_update_once
    # shellcheck disable=SC2086
    $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends $need
  fi
}

# Mbed TLS >= 3.6: Debian 12's own libmbedtls-dev is 2.28. Take 3.6 from Debian 13 (trixie) without
# adding a permanent source or upgrading anything else; on a system whose archive has 3.6, use it.
mbedtls_version() {
  dpkg-query -W -f='${Version}' libmbedtls-dev 2>/dev/null || true
}
mbedtls_ok() {
  local v
  v=$(mbedtls_version)
  [ -n "$v" ] && dpkg --compare-versions "$v" ge 3.6
}

install_mbedtls() {
  mbedtls_ok && return 0
  apt_update_once
  local cand
  cand=$(apt-cache policy libmbedtls-dev | awk '/Candidate:/ {print $2}')
  if [ -n "$cand" ] && [ "$cand" != "(none)" ] && dpkg --compare-versions "$cand" ge 3.6; then
    $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends libmbedtls-dev
    return 0
  fi
  local mirror
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  if [ -z "$mirror" ]; then
    mirror=$(awk '/^deb / && $0 !~ /security/ {for (i = 2; i <= NF; i++) if ($i ~ /^https?:/) {print $i; exit}}' \
      /etc/apt/sources.list 2>/dev/null || true)
  fi
  if [ -z "$mirror" ]; then
    echo "setup.sh: cannot find the Debian mirror in /etc/apt/sources.list(.d) to fetch Mbed TLS 3.6" >&2
    exit 1
  fi
  local d
  d=$(mktemp -d)
  mkdir -p "$d/lists/partial"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" >"$d/sources.list"
  local A=(-o "Dir::Etc::sourcelist=$d/sources.list" -o "Dir::Etc::sourceparts=-" -o "Dir::State::Lists=$d/lists")
  $SUDO apt-get "${A[@]}" update -qq
  (cd "$d" && apt-get "${A[@]}" download libmbedtls-dev libmbedtls21 libmbedcrypto16 libmbedx509-7)
  $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$d"/*.deb
  rm -rf "$d"
}

install_missing build-essential cmake pkg-config libcjson-dev libcriterion-dev libwebsockets-dev \
  libpcap-dev
install_mbedtls

if [ "$want_test" -eq 1 ]; then
  # clang + compiler-rt: the libFuzzer target; chromium: the browser tests (driven by the npm
  # package playwright-core, never a browser download of its own); openssl (s_server, s_client),
  # curl and mosquitto: the real peers of the interop tests.
  install_missing clang libclang-rt-14-dev openssl chromium curl mosquitto python3
  # tlstrace capture's tests: tshark (captures on loopback, and the dissector every decoded
  # message is compared with), gnutls-cli and mosquitto_pub (clients that are not Mbed TLS).
  # tshark's package asks whether non-root users may capture: answer no, without a prompt.
  if [ -n "$(missing tshark)" ]; then
    echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
  fi
  install_missing tshark gnutls-bin mosquitto-clients
  # Node.js may come from elsewhere than Debian (a newer build is often preinstalled): install
  # Debian's only when there is no node at all.
  if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    install_missing nodejs npm
  fi
  # ajv (schema validation), ws (websocket clients), playwright-core (drives Debian's chromium).
  if [ ! -d "$here/tests/node/node_modules/playwright-core" ] || [ ! -d "$here/tests/node/node_modules/ajv" ] \
     || [ ! -d "$here/tests/node/node_modules/ws" ] \
     || [ "$here/tests/node/package.json" -nt "$here/tests/node/node_modules/.package-lock.json" ]; then
    (cd "$here/tests/node" && npm install --no-audit --no-fund --loglevel=error --no-package-lock)
  fi
fi
