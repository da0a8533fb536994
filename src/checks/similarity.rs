//! `similarity`: drafts in one run that are near-identical. Candidates are
//! picked with MinHash sketches of word shingles (banded, so most pairs are
//! never compared), then pruned with an exact upper bound (the bag-of-words
//! Dice coefficient is never below the diff ratio); only the survivors get
//! the exact word-level ratio, in parallel.

use std::collections::HashMap;

use serde::Deserialize;

use super::CompileError;
use crate::document::Document;

/// Parameters of a `similarity` check.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SimilaritySpec {
    /// Word-level similarity ratio (0 to 1) at which two drafts are duplicates.
    pub threshold: f64,
}

/// A compiled `similarity` check.
#[derive(Debug, Clone)]
pub struct Similarity {
    /// Ratio at which two drafts are duplicates.
    pub threshold: f64,
}

impl Similarity {
    /// Validates the threshold.
    pub fn compile(spec: SimilaritySpec) -> Result<Self, CompileError> {
        if !(0.0..=1.0).contains(&spec.threshold) {
            return Err((
                "threshold".into(),
                "`threshold` must be between 0 and 1".into(),
            ));
        }
        Ok(Similarity {
            threshold: spec.threshold,
        })
    }
}

const HASHES: usize = 64;
const ROWS: usize = 4;

/// Two drafts at a diff ratio of 0.9 share most of their 3-word shingles
/// (a Jaccard index of about 0.5 or more for notes of this length); the
/// 64-hash estimate has a standard error of about 0.06, so pairs estimated
/// below this are skipped without a diff.
const MIN_JACCARD: f64 = 0.3;

/// Below this many words the shingle estimate is too coarse to trust.
const MIN_WORDS_FOR_ESTIMATE: usize = 30;

/// The share of equal MinHash slots: an estimate of the shingle Jaccard index.
fn estimated_jaccard(a: &[u64; HASHES], b: &[u64; HASHES]) -> f64 {
    a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / HASHES as f64
}

/// A later draft that repeats an earlier one.
#[derive(Debug, Clone, PartialEq)]
pub struct Duplicate {
    /// Index of the later draft.
    pub later: usize,
    /// Index of the earlier draft it repeats.
    pub earlier: usize,
    /// The word-level similarity ratio.
    pub ratio: f64,
}

fn fnv(bytes: &[u8], seed: u64) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64 ^ seed;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

fn mix(x: u64, i: usize) -> u64 {
    // splitmix64 of x combined with the hash index.
    let mut z = x ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn sketch(words: &[u64]) -> [u64; HASHES] {
    let mut mins = [u64::MAX; HASHES];
    let width = if words.len() >= 3 { 3 } else { 1 };
    for window in words.windows(width) {
        let mut h = 0u64;
        for w in window {
            h = mix(h ^ w, 7);
        }
        for (i, min) in mins.iter_mut().enumerate() {
            *min = (*min).min(mix(h, i));
        }
    }
    mins
}

/// The words as sorted hashes (a multiset), for the Dice bound.
fn bag(words: &[u64]) -> Vec<u64> {
    let mut out = words.to_vec();
    out.sort_unstable();
    out
}

/// Dice coefficient of two word multisets: an upper bound of [`ratio`],
/// since every matched word of a diff is a shared word.
fn dice(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * shared as f64 / (a.len() + b.len()) as f64
}

/// Word-level similarity ratio of two word lists (2·matches / total), as
/// `similar` computes it for a Myers diff of the words.
pub(crate) fn ratio(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, a, b);
    f64::from(similar::get_diff_ratio(&ops, a.len(), b.len()))
}

/// The words compared for similarity: the body's, lowercased and hashed
/// (8 bytes a word, whatever its length).
pub fn body_words(doc: &Document) -> Vec<u64> {
    doc.body_text()
        .split_whitespace()
        .map(|w| fnv(w.to_lowercase().as_bytes(), 0))
        .collect()
}

/// Finds drafts that repeat an earlier one at `threshold` or above; each
/// later draft is reported once, naming the most similar earlier draft.
pub fn find_duplicates(bodies: &[Vec<u64>], threshold: f64) -> Vec<Duplicate> {
    use rayon::prelude::*;
    let sketches: Vec<[u64; HASHES]> = bodies.par_iter().map(|b| sketch(b)).collect();
    let bags: Vec<Vec<u64>> = bodies.par_iter().map(|b| bag(b)).collect();
    let mut buckets: HashMap<(usize, u64, u64), Vec<usize>> = HashMap::new();
    for (doc, s) in sketches.iter().enumerate() {
        if bodies[doc].is_empty() {
            continue;
        }
        for band in 0..HASHES / ROWS {
            let row = &s[band * ROWS..(band + 1) * ROWS];
            let key = (
                band,
                row[0] ^ row[1].rotate_left(17),
                row[2] ^ row[3].rotate_left(31),
            );
            buckets.entry(key).or_default().push(doc);
        }
    }
    let mut candidates: Vec<(usize, usize)> = buckets
        .values()
        .filter(|docs| docs.len() > 1)
        .flat_map(|docs| {
            docs.iter()
                .enumerate()
                .flat_map(move |(i, &a)| docs[i + 1..].iter().map(move |&b| (a.min(b), a.max(b))))
        })
        .collect();
    candidates.sort_unstable();
    candidates.dedup();
    let found: Vec<Duplicate> = candidates
        .par_iter()
        .filter_map(|&(earlier, later)| {
            let (a, b) = (&bodies[earlier], &bodies[later]);
            if a.len().min(b.len()) >= MIN_WORDS_FOR_ESTIMATE
                && estimated_jaccard(&sketches[earlier], &sketches[later]) < MIN_JACCARD
            {
                return None;
            }
            if dice(&bags[earlier], &bags[later]) < threshold {
                return None;
            }
            let r = ratio(a, b);
            (r >= threshold).then_some(Duplicate {
                later,
                earlier,
                ratio: r,
            })
        })
        .collect();
    let mut best: HashMap<usize, Duplicate> = HashMap::new();
    for dup in found {
        let entry = best.entry(dup.later).or_insert_with(|| dup.clone());
        if dup.ratio > entry.ratio || (dup.ratio == entry.ratio && dup.earlier < entry.earlier) {
            *entry = dup;
        }
    }
    let mut out: Vec<Duplicate> = best.into_values().collect();
    out.sort_by_key(|d| d.later);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<u64> {
        s.split_whitespace()
            .map(|w| fnv(w.to_lowercase().as_bytes(), 0))
            .collect()
    }

    #[test]
    fn finds_near_copies_only() {
        let base = "thank you for meeting with me on friday about the analyst role and for the tour of the lab and the new sequencing core";
        let bodies = vec![
            words(base),
            words("a completely different note about a check in on the status of my application"),
            words(&base.replace("friday", "monday")),
        ];
        let dups = find_duplicates(&bodies, 0.9);
        assert_eq!(dups.len(), 1);
        assert_eq!((dups[0].earlier, dups[0].later), (0, 2));
    }
}
