//! Builds the compiled-in dictionary: reads `word<TAB>dialect` lines
//! (`us` or `gb`, any order, a word may come once for each) on standard
//! input and writes an `fst` map from each word to its dialects (bit 1:
//! American, bit 2: British) to the path given.
//! `scripts/gen-dictionary.sh` feeds it the expanded hunspell word lists.

use std::collections::BTreeMap;
use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: gen-dictionary OUT.fst < words.tsv")?;
    let mut words: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let Some((word, dialect)) = line.trim_end().split_once('\t') else {
            continue;
        };
        let bit = match dialect {
            "us" => 1,
            "gb" => 2,
            other => return Err(format!("unknown dialect `{other}`").into()),
        };
        if !word.is_empty() {
            *words.entry(word.as_bytes().to_vec()).or_default() |= bit;
        }
    }
    let map = fst::Map::from_iter(words.iter().map(|(k, v)| (k, *v)))?;
    let bytes = map.as_fst().as_bytes();
    std::fs::File::create(&out)?.write_all(bytes)?;
    let mut err = std::io::stderr();
    writeln!(err, "{out}: {} words, {} bytes", words.len(), bytes.len())?;
    Ok(())
}
