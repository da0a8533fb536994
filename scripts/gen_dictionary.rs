//! Builds the compiled-in dictionary: reads words (one a line, any order)
//! on standard input and writes them as an `fst` set to the path given.
//! `scripts/gen-dictionary.sh` feeds it the expanded hunspell word lists.

use std::io::{BufRead, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = std::env::args()
        .nth(1)
        .ok_or("usage: gen-dictionary OUT.fst < words.txt")?;
    let mut words: Vec<String> = Vec::new();
    for line in std::io::stdin().lock().lines() {
        let word = line?.trim().to_string();
        if !word.is_empty() {
            words.push(word);
        }
    }
    words.sort_unstable();
    words.dedup();
    let set = fst::Set::from_iter(words.iter())?;
    let bytes = set.as_fst().as_bytes();
    std::fs::File::create(&out)?.write_all(bytes)?;
    let mut err = std::io::stderr();
    writeln!(err, "{out}: {} words, {} bytes", words.len(), bytes.len())?;
    Ok(())
}
