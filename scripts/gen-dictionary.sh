#!/bin/sh
# Regenerates the dictionary the proofreading rules use, from Debian's
# hunspell-en-us and hunspell-en-gb (SCOWL word lists) and the SCOWL lists
# of wamerican, wbritish, wamerican-small and wbritish-small:
#
#   apt-get install hunspell-en-us hunspell-en-gb hunspell-tools \
#       wamerican wbritish wamerican-small wbritish-small
#   scripts/gen-dictionary.sh
#
# data/dictionary/en.fst: both hunspell dictionaries expanded with `unmunch`
# into every word form, kept when made only of letters and apostrophes, and
# merged into one map from each word to the dialects that spell it so and
# how common it is (in SCOWL's size-35 lists, its size-50 lists, or only in
# the larger hunspell ones), which ranks suggestions.
#
# data/dictionary/common.txt: the 2,000 lower-case words that the handbook,
# the rule files and the labelled drafts use most and that both dialects
# spell alike; looked up before the map, they make most words cheap.
set -eu
cd "$(dirname "$0")/.."
dir=${HUNSPELL_DIR:-/usr/share/hunspell}
dict=${DICT_DIR:-/usr/share/dict}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for lang in en_US:us en_GB:gb; do
    unmunch "$dir/${lang%:*}.dic" "$dir/${lang%:*}.aff" 2>/dev/null |
        sed 's/\r$//' | LC_ALL=C.UTF-8 grep -E "^[[:alpha:]']+$" | LC_ALL=C sort -u |
        sed "s/\$/\t${lang#*:}/"
done >"$tmp/words.tsv"
{
    cat "$dict/american-english" "$dict/british-english" | LC_ALL=C sort -u | sed 's/$/\tsize50/'
    cat "$dict/american-english-small" "$dict/british-english-small" | LC_ALL=C sort -u |
        sed 's/$/\tsize35/'
} >"$tmp/sizes.tsv"
cargo run --quiet --example gen-dictionary -- data/dictionary/en.fst.tmp \
    "$tmp/words.tsv" "$tmp/sizes.tsv"
mv data/dictionary/en.fst.tmp data/dictionary/en.fst

# Words both dialects spell alike, in lower case.
cut -f1 "$tmp/words.tsv" | LC_ALL=C sort | uniq -d | LC_ALL=C grep -E '^[a-z]+$' >"$tmp/both.txt"
{
    echo "# The words followup's own texts use most (scripts/gen-dictionary.sh)."
    cat guides/*.md rules/*.yaml tests/labelled/*.md | tr 'A-Z' 'a-z' |
        LC_ALL=C grep -oE '[a-z]+' | LC_ALL=C sort | uniq -c | LC_ALL=C sort -k1,1nr -k2,2 |
        awk '{print $2}' | awk 'NR == FNR { ok[$1] = 1; next } ok[$1]' "$tmp/both.txt" - |
        head -n 2000 | LC_ALL=C sort
} >data/dictionary/common.txt.tmp
mv data/dictionary/common.txt.tmp data/dictionary/common.txt

{
    echo "data/dictionary/en.fst is generated from the Debian packages"
    echo "hunspell-en-us and hunspell-en-gb (SCOWL word lists), with how common"
    echo "each word is taken from the packages wamerican, wbritish,"
    echo "wamerican-small and wbritish-small (SCOWL word lists). Their notices:"
    for pkg in hunspell-en-us hunspell-en-gb wamerican wbritish; do
        echo
        echo "==== $pkg ===="
        echo
        cat "/usr/share/doc/$pkg/copyright"
    done
} >data/dictionary/COPYING.tmp
mv data/dictionary/COPYING.tmp data/dictionary/COPYING
