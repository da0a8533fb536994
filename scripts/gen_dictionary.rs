//! Builds the compiled-in dictionary: reads `word<TAB>dialect` lines (`us`
//! or `gb`, any order, a word may come once for each) from WORDS and
//! `word<TAB>size` lines (`size35` or `size50`: the word is in SCOWL's lists
//! of that size) from SIZES, and writes an `fst` map from each word to its
//! bits (1: American, 2: British, 4: in a size-50 list, 8: in a size-35
//! list) to OUT. Words of SIZES that WORDS lacks are left out.
//! `scripts/gen-dictionary.sh` feeds it the expanded hunspell word lists.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};

fn lines(path: &str) -> Result<Vec<(String, String)>, Box<dyn std::error::Error>> {
    let mut out = Vec::new();
    for line in BufReader::new(std::fs::File::open(path)?).lines() {
        let line = line?;
        if let Some((word, tag)) = line.trim_end().split_once('\t') {
            if !word.is_empty() {
                out.push((word.to_string(), tag.to_string()));
            }
        }
    }
    Ok(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [out, words_path, sizes_path] = args.as_slice() else {
        return Err("usage: gen-dictionary OUT.fst WORDS.tsv SIZES.tsv".into());
    };
    let mut words: BTreeMap<Vec<u8>, u64> = BTreeMap::new();
    for (word, dialect) in lines(words_path)? {
        let bit = match dialect.as_str() {
            "us" => 1,
            "gb" => 2,
            other => return Err(format!("unknown dialect `{other}`").into()),
        };
        *words.entry(word.into_bytes()).or_default() |= bit;
    }
    for (word, size) in lines(sizes_path)? {
        let bit = match size.as_str() {
            "size50" => 4,
            "size35" => 8,
            other => return Err(format!("unknown size `{other}`").into()),
        };
        if let Some(bits) = words.get_mut(word.as_bytes()) {
            *bits |= bit;
        }
    }
    let map = fst::Map::from_iter(words.iter().map(|(k, v)| (k, *v)))?;
    let bytes = map.as_fst().as_bytes();
    std::fs::File::create(out)?.write_all(bytes)?;
    let mut err = std::io::stderr();
    writeln!(err, "{out}: {} words, {} bytes", words.len(), bytes.len())?;
    Ok(())
}
