#!/bin/bash
# Sets up a Debian room PC as a diemcau kiosk, in one command, as root:
#
#   sudo ./setup-room-pc.sh https://bridge.tinh.gov.vn:8443 'https://bridge.tinh.gov.vn:8443/kiosk?token=…'
#
# 1. downloads the bridge's CA certificate (/ca.crt) and checks its SHA-256 fingerprint against the one the
#    technician types or pastes (from `npm run cli -- tls-info` on the bridge, or --fingerprint);
# 2. trusts that CA for Chromium in the kiosk user's NSS database (certutil);
# 3. writes Chromium managed policies: camera, microphone and autoplay for the bridge's origin only, and
#    no camera or microphone for any other site;
# 4. installs the kiosk unit (deploy/kiosk/diemcau-kiosk.service, without --use-fake-ui-for-media-stream,
#    which would grant every site the camera) for the kiosk user, started at login.
#
# Options: --fingerprint <SHA-256>  --user <kiosk user, default: kiosk, created when missing>
# A bridge using the province's own certificate (TLS_CERT_FILE) has no /ca.crt: pass --no-ca.
# For tests, DIEMCAU_KIOSK_HOME, DIEMCAU_POLICY_DIR and DIEMCAU_SKIP_SYSTEM=1 (no apt, useradd, loginctl)
# redirect where it writes.
set -euo pipefail

usage() {
  echo "usage: $0 <bridge address, e.g. https://bridge.tinh.gov.vn:8443> <kiosk link> [--fingerprint SHA256] [--user NAME] [--no-ca]" >&2
  exit 2
}
fail() {
  echo "setup-room-pc: $*" >&2
  exit 1
}

[ $# -ge 2 ] || usage
BRIDGE="$1"
LINK="$2"
shift 2
FINGERPRINT="${DIEMCAU_CA_FINGERPRINT:-}"
KIOSK_USER=kiosk
TRUST_CA=1
while [ $# -gt 0 ]; do
  case "$1" in
    --fingerprint) FINGERPRINT="${2:-}"; shift 2 ;;
    --user) KIOSK_USER="${2:-}"; shift 2 ;;
    --no-ca) TRUST_CA=0; shift ;;
    *) usage ;;
  esac
done
SKIP_SYSTEM="${DIEMCAU_SKIP_SYSTEM:-0}"
POLICY_DIR="${DIEMCAU_POLICY_DIR:-/etc/chromium/policies/managed}"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

[ "$(id -u)" -eq 0 ] || fail "run it as root (sudo)"

# The bridge's origin: scheme, host and port. A bare name means the default HTTPS port 8443.
case "$BRIDGE" in
  https://*) ;;
  http://*) fail "the bridge address must be https:// (a room PC's camera works only over HTTPS)" ;;
  *) BRIDGE="https://$BRIDGE:8443" ;;
esac
ORIGIN="$(printf '%s' "$BRIDGE" | sed -E 's#^(https://[^/?#]+).*#\1#')"
case "$LINK" in
  "$ORIGIN"/kiosk\?token=*) ;;
  *) fail "the kiosk link must start with $ORIGIN/kiosk?token= (print it on the bridge: npm run cli -- kiosk-link <site>)" ;;
esac

if [ "$SKIP_SYSTEM" != 1 ]; then
  missing=()
  for pkg in chromium libnss3-tools curl openssl; do
    dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null | grep -qx installed || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  fi
  id "$KIOSK_USER" >/dev/null 2>&1 || useradd --create-home --shell /bin/bash "$KIOSK_USER"
fi
KIOSK_HOME="${DIEMCAU_KIOSK_HOME:-$(getent passwd "$KIOSK_USER" | cut -d: -f6)}"
[ -n "$KIOSK_HOME" ] || fail "no home directory for user $KIOSK_USER"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [ "$TRUST_CA" = 1 ]; then
  # Fetched without checking the certificate (the CA is not trusted yet): the fingerprint check below is the trust.
  curl -fsS --insecure --max-time 20 -o "$work/ca.crt" "$ORIGIN/ca.crt" || fail "could not download $ORIGIN/ca.crt"
  actual="$(openssl x509 -in "$work/ca.crt" -noout -fingerprint -sha256 | cut -d= -f2 | tr -d ':' | tr 'a-f' 'A-F')"
  if [ -z "$FINGERPRINT" ]; then
    [ -t 0 ] || fail "give the CA fingerprint with --fingerprint (no terminal to ask on)"
    read -r -p "SHA-256 fingerprint of the bridge CA (npm run cli -- tls-info on the bridge): " FINGERPRINT
  fi
  expected="$(printf '%s' "$FINGERPRINT" | tr -d ': \t\r\n' | tr 'a-f' 'A-F')"
  [ "$expected" = "$actual" ] || fail "the CA served by $ORIGIN has fingerprint $actual, not the one given: nothing was changed"

  # Chromium on Linux trusts the CAs of the user's NSS database, ~/.pki/nssdb.
  nssdb="$KIOSK_HOME/.pki/nssdb"
  mkdir -p "$nssdb"
  [ -f "$nssdb/cert9.db" ] || certutil -d "sql:$nssdb" -N --empty-password
  certutil -d "sql:$nssdb" -D -n "diemcau bridge CA" >/dev/null 2>&1 || true
  certutil -d "sql:$nssdb" -A -t "C,," -n "diemcau bridge CA" -i "$work/ca.crt"
  echo "trusted the bridge CA ($actual) for $KIOSK_USER's Chromium"
fi

# Camera, microphone and autoplay without a prompt for the bridge alone; no other site gets them.
mkdir -p "$POLICY_DIR"
cat > "$POLICY_DIR/diemcau-kiosk.json" <<JSON
{
  "VideoCaptureAllowed": false,
  "AudioCaptureAllowed": false,
  "VideoCaptureAllowedUrls": ["$ORIGIN"],
  "AudioCaptureAllowedUrls": ["$ORIGIN"],
  "AutoplayAllowlist": ["$ORIGIN"],
  "DefaultNotificationsSetting": 2,
  "TranslateEnabled": false
}
JSON
chmod 644 "$POLICY_DIR/diemcau-kiosk.json"

units="$KIOSK_HOME/.config/systemd/user"
mkdir -p "$units/graphical-session.target.wants" "$KIOSK_HOME/.config"
install -m 644 "$HERE/diemcau-kiosk.service" "$units/diemcau-kiosk.service"
# The same as `systemctl --user enable`, which needs the user's own session manager running.
ln -sf ../diemcau-kiosk.service "$units/graphical-session.target.wants/diemcau-kiosk.service"
printf 'KIOSK_URL=%s\n' "$LINK" > "$KIOSK_HOME/.config/diemcau-kiosk.env"
chmod 600 "$KIOSK_HOME/.config/diemcau-kiosk.env"
chown -R "$KIOSK_USER:" "$KIOSK_HOME/.pki" "$KIOSK_HOME/.config" 2>/dev/null || chown -R "$KIOSK_USER" "$KIOSK_HOME/.config"
[ "$SKIP_SYSTEM" = 1 ] || loginctl enable-linger "$KIOSK_USER"

echo "room PC ready: log $KIOSK_USER in automatically; Chromium opens $ORIGIN/kiosk at login"
