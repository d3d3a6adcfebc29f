#!/usr/bin/env bash
# Tests `make deb`: lintian is clean; the package installs into an empty root, where every tool
# reports the version, man finds every page and bash completes a subcommand; purging it leaves
# nothing behind; and a second build from a copy of the tree in another directory gives a
# byte-identical .deb. Slow (one release build of the copy, plus this tree's if it is stale);
# `make test` runs it last. Runs as root (dpkg); needs dpkg-dev, lintian, man-db, bash-completion.
set -euo pipefail
cd "$(dirname "$0")/../.."

export SOURCE_DATE_EPOCH=1764547200   # fixed, so that both builds stamp the same times
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

deb=$(make --no-print-directory deb | tail -n 1)
[ -f "$deb" ] || { echo "FAIL: make deb printed '$deb', not a package" >&2; exit 1; }
mapfile -t tools < <(scripts/tool-names)
version=$(dpkg-deb -f "$deb" Version)
arch=$(dpkg-deb -f "$deb" Architecture)
[ "$(basename "$deb")" = "infra_${version}_${arch}.deb" ] && pass "file name $(basename "$deb")" ||
    fail "file name $(basename "$deb") is not infra_${version}_${arch}.deb"

# lintian: no error or warning (overrides need a reason, see packaging/lintian-overrides).
lintian --fail-on error,warning "$deb" >"$work/lintian.out" 2>&1 && pass "lintian" ||
    fail "lintian:"$'\n'"$(grep -v 'running with root privileges' "$work/lintian.out")"

# Install into an empty root. Its dependencies (libc, libcurl, …) are the host's, hence
# --force-depends; the binaries run from the root with the host's shared libraries.
root=$work/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates"
touch "$root/var/lib/dpkg/status"
before=$(cd "$root" && find . | LC_ALL=C sort)
dpkg_root() {
    dpkg --root="$root" --log=/dev/null --force-depends "$@" >"$work/dpkg.out" 2>&1 ||
        { cat "$work/dpkg.out" >&2; echo "FAIL: dpkg $*" >&2; exit 1; }
}
dpkg_root --install "$deb"

for tool in "${tools[@]}"; do
    out=$("$root/usr/bin/$tool" --version) && [ "$out" = "$tool $version" ] && pass "$tool --version" ||
        fail "$tool --version printed '$out', expected '$tool $version'"
    page=$(MANPATH="$root/usr/share/man" man -w "$tool" 2>&1) &&
        [ "$page" = "$root/usr/share/man/man1/$tool.1.gz" ] && pass "man -w $tool" ||
        fail "man -w $tool: $page"
    for file in "usr/share/zsh/vendor-completions/_$tool" "usr/share/fish/vendor_completions.d/$tool.fish"; do
        [ -f "$root/$file" ] || fail "missing /$file"
    done
done
[ -f "$root/usr/share/infra/hooks/dns_acmecloudns.sh" ] || fail "missing the acme.sh hook"

# bash-completion finds each script through XDG_DATA_DIRS, as it would in /usr/share.
complete_line() {
    XDG_DATA_DIRS="$root/usr/share" PATH="$root/usr/bin:$PATH" bash --norc --noprofile -c '
        source /usr/share/bash-completion/bash_completion
        line=$1; read -r -a COMP_WORDS <<<"$line"; [ "${line: -1}" = " " ] && COMP_WORDS+=("")
        COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); COMP_LINE=$line; COMP_POINT=${#line}
        __load_completion "${COMP_WORDS[0]}" || exit 1
        function=$(complete -p "${COMP_WORDS[0]}" | sed -n "s/.*-F \([^ ]*\) .*/\1/p")
        "$function" "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
        printf "%s\n" "${COMPREPLY[@]}"' bash "$1"
}
for tool in "${tools[@]}"; do
    words=$(complete_line "$tool --vers" 2>&1)
    [ "$words" = --version ] && pass "bash completes '$tool --vers'" || fail "'$tool --vers' completes to '$words'"
done
words=$(complete_line "infra-dns zo" 2>&1)
[ "$words" = zones ] && pass "bash completes the subcommand 'infra-dns zo'" || fail "'infra-dns zo' completes to '$words'"

dpkg_root --purge infra
after=$(cd "$root" && find . -path ./var/lib/dpkg -prune -o -print | LC_ALL=C sort)
expected=$(grep -v '^./var/lib/dpkg/' <<<"$before")
leftover=$(comm -13 <(echo "$expected") <(echo "$after"); ls "$root/var/lib/dpkg/info" | grep '^infra\.' || true)
[ -z "$leftover" ] && ! grep -q '^Package: infra$' "$root/var/lib/dpkg/status" && pass "purge leaves nothing" ||
    fail "purge left behind:"$'\n'"$leftover"

# Reproducibility: the same tree, copied to another directory, built from scratch.
copy=$work/copy
mkdir "$copy"
git ls-files -co --exclude-standard -z | xargs -0 cp --parents -t "$copy"
second=$copy/$(cd "$copy" && make --no-print-directory deb | tail -n 1)
if cmp -s "$deb" "$second"; then
    pass "reproducible: $(sha256sum <"$deb" | cut -d' ' -f1)"
else
    fail "the two builds differ ($(sha256sum "$deb" "$second" | cut -d' ' -f1 | tr '\n' ' '))"
    dpkg-deb -R "$deb" "$work/a"; dpkg-deb -R "$second" "$work/b"
    diff -r "$work/a" "$work/b" >&2 || true
fi

[ "$failures" -eq 0 ] && echo "test-deb: all passed" || { echo "test-deb: $failures failed" >&2; exit 1; }
