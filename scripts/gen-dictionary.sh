#!/bin/sh
# Regenerates data/dictionary/en.fst, the dictionary the proofreading rules
# use, from Debian's hunspell-en-us and hunspell-en-gb (SCOWL word lists):
#
#   apt-get install hunspell-en-us hunspell-en-gb hunspell-tools
#   scripts/gen-dictionary.sh
#
# Both dictionaries are expanded with `unmunch` into every word form, kept
# when made only of letters and apostrophes, and merged into one map from
# each word to the dialects that spell it so.
set -eu
cd "$(dirname "$0")/.."
dir=${HUNSPELL_DIR:-/usr/share/hunspell}
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for lang in en_US:us en_GB:gb; do
    unmunch "$dir/${lang%:*}.dic" "$dir/${lang%:*}.aff" 2>/dev/null |
        sed 's/\r$//' | LC_ALL=C.UTF-8 grep -E "^[[:alpha:]']+$" | LC_ALL=C sort -u |
        sed "s/\$/\t${lang#*:}/"
done >"$tmp"
cargo run --quiet --example gen-dictionary -- data/dictionary/en.fst <"$tmp"
{
    echo "data/dictionary/en.fst is generated from the Debian packages"
    echo "hunspell-en-us and hunspell-en-gb (SCOWL word lists). Their notices:"
    for pkg in hunspell-en-us hunspell-en-gb; do
        echo
        echo "==== $pkg ===="
        echo
        cat "/usr/share/doc/$pkg/copyright"
    done
} >data/dictionary/COPYING
