#!/usr/bin/env sh
# acme.sh DNS API for CloudNS through acme-cloudns-hook.
#
# Where to put it: acme.sh looks for `dns_acmecloudns.sh` in its own `dnsapi/` folder (usually
# ~/.acme.sh/dnsapi/) or in `$LE_WORKING_DIR/dnsapi/`. Copy this file there, then:
#
#   export CLOUDNS_CREDENTIALS=/etc/acme-cloudns/credentials    # NAME=value lines, mode 0600
#   acme.sh --issue --dns dns_acmecloudns --dnssleep 0 -d example.com -d '*.example.com'
#
# acme.sh sources this file and calls dns_acmecloudns_add / dns_acmecloudns_rm with the
# challenge name (`_acme-challenge.example.com`) and the TXT value. Each call runs
# `acme-cloudns-hook present|cleanup FQDN. VALUE`; the hook returns only once CloudNS serves the
# record, so acme.sh's own DNS wait can be skipped with `--dnssleep 0`.
#
# Settings, read from the environment on the first issue and kept for renewals in acme.sh's
# account.conf (as SAVED_NAME='value', via _saveaccountconf_mutable):
#   ACME_CLOUDNS_HOOK      the hook executable (default: acme-cloudns-hook on PATH)
#   CLOUDNS_CREDENTIALS    path of a credentials file; preferred, as account.conf then holds only
#                          the path and the secret stays in one owner-only file
#   CLOUDNS_AUTH_ID | CLOUDNS_SUB_AUTH_ID | CLOUDNS_SUB_AUTH_USER, CLOUDNS_AUTH_PASSWORD
#                          credentials given directly; they are then copied into account.conf
#                          (acme.sh keeps that file private to its user)
#   CLOUDNS_API_URL, ACME_CLOUDNS_TTL, ACME_CLOUDNS_DNS_SERVERS,
#   ACME_CLOUDNS_PROPAGATION_TIMEOUT, ACME_CLOUDNS_POLL_INTERVAL
#                          passed through to the hook (see acme-cloudns-hook(1))
# A variable set in the environment always wins over the saved value, and is saved in its place.

# shellcheck disable=SC2034  # read by acme.sh
dns_acmecloudns_info='CloudNS through acme-cloudns-hook
Site: github.com (infra: acme-cloudns-hook)
Options:
 ACME_CLOUDNS_HOOK Path of acme-cloudns-hook. Optional.
 CLOUDNS_CREDENTIALS Credentials file (NAME=value lines). Optional.
 CLOUDNS_AUTH_ID API user id. Optional.
 CLOUDNS_SUB_AUTH_ID Sub-user id. Optional.
 CLOUDNS_SUB_AUTH_USER Sub-user name. Optional.
 CLOUDNS_AUTH_PASSWORD API password. Optional.
'

_acmecloudns_settings="ACME_CLOUDNS_HOOK CLOUDNS_CREDENTIALS CLOUDNS_AUTH_ID CLOUDNS_SUB_AUTH_ID
CLOUDNS_SUB_AUTH_USER CLOUDNS_AUTH_PASSWORD CLOUDNS_API_URL ACME_CLOUDNS_TTL
ACME_CLOUDNS_DNS_SERVERS ACME_CLOUDNS_PROPAGATION_TIMEOUT ACME_CLOUDNS_POLL_INTERVAL"

# Usage: dns_acmecloudns_add _acme-challenge.www.example.com "TXT value"
dns_acmecloudns_add() {
  _acmecloudns_run present "$1" "$2"
}

# Usage: dns_acmecloudns_rm _acme-challenge.www.example.com "TXT value"
dns_acmecloudns_rm() {
  _acmecloudns_run cleanup "$1" "$2"
}

_acmecloudns_run() {
  _acmecloudns_load || return 1
  _acmecloudns_name="$2"
  case "$_acmecloudns_name" in
    *.) ;;
    *) _acmecloudns_name="$_acmecloudns_name." ;; # a fully qualified name is never ambiguous
  esac
  _info "acme-cloudns-hook $1 $_acmecloudns_name"
  # The hook's stdout is only meant for certbot; here it goes to acme.sh's log like its stderr.
  if ! "$ACME_CLOUDNS_HOOK" "$1" "$_acmecloudns_name" "$3" 2>&1; then
    _err "acme-cloudns-hook $1 $_acmecloudns_name failed (its message is above)"
    return 1
  fi
  return 0
}

# Fills each setting from the environment or from account.conf, saves what is set, and exports
# it for the hook.
_acmecloudns_load() {
  for _acmecloudns_key in $_acmecloudns_settings; do
    eval "_acmecloudns_value=\"\${$_acmecloudns_key:-}\""
    if [ -z "$_acmecloudns_value" ]; then
      _acmecloudns_value="$(_readaccountconf_mutable "$_acmecloudns_key")"
    fi
    if [ -n "$_acmecloudns_value" ]; then
      _saveaccountconf_mutable "$_acmecloudns_key" "$_acmecloudns_value"
      eval "$_acmecloudns_key=\"\$_acmecloudns_value\""
      eval "export $_acmecloudns_key"
    fi
  done
  if [ -z "${ACME_CLOUDNS_HOOK:-}" ]; then
    ACME_CLOUDNS_HOOK="$(command -v acme-cloudns-hook)"
  fi
  if [ -z "$ACME_CLOUDNS_HOOK" ] || [ ! -x "$ACME_CLOUDNS_HOOK" ]; then
    _err "acme-cloudns-hook not found: install it on PATH or set ACME_CLOUDNS_HOOK"
    return 1
  fi
  return 0
}
