//! `similarity`: drafts in one run that are near-identical. Candidates are
//! picked with MinHash sketches of word shingles (banded, so most pairs are
//! never compared), then pruned with an estimate of their shingle overlap
//! and an exact upper bound (the bag-of-words Dice coefficient is never
//! below the diff ratio); only the survivors get the exact word-level ratio.
//! Every draft looks for its earlier twins on its own, in parallel.

use serde::Deserialize;

use super::{Check, CheckKind, CompileError, Env, Finding, Setting, check_boilerplate, parameters};
use crate::draft::document::Document;

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

fn mix(x: u64, i: usize) -> u64 {
    // splitmix64 of x combined with the hash index.
    let mut z = x ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// A MinHash sketch of the word 3-shingles, by one-permutation hashing: each
/// shingle is hashed once, the top bits pick one of the [`HASHES`] slots and
/// the slot keeps its smallest value. An empty slot borrows from the next
/// filled one (mixed with the distance), so two sketches agree on a slot
/// about as often as the shingle sets overlap.
fn sketch(words: &[u64]) -> [u64; HASHES] {
    let mut mins = [u64::MAX; HASHES];
    let width = if words.len() >= 3 { 3 } else { 1 };
    for window in words.windows(width) {
        let mut h = 0u64;
        for w in window {
            h = mix(h ^ w, 7);
        }
        let slot = (h >> (64 - HASHES.trailing_zeros())) as usize;
        mins[slot] = mins[slot].min(h << HASHES.trailing_zeros());
    }
    if mins.iter().all(|&m| m == u64::MAX) {
        return mins;
    }
    let filled = mins;
    for (slot, min) in mins.iter_mut().enumerate() {
        if *min == u64::MAX {
            let distance = (1..HASHES)
                .find(|d| filled[(slot + d) % HASHES] != u64::MAX)
                .unwrap_or(0);
            *min = mix(filled[(slot + distance) % HASHES], distance);
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
    doc.body_text().split_whitespace().map(word_hash).collect()
}

/// FNV-1a of the word lowercased, without building the lowercase string.
fn word_hash(word: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    let mut eat = |b: u8| {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    };
    if word.is_ascii() {
        word.bytes().for_each(|b| eat(b.to_ascii_lowercase()));
    } else {
        let mut buf = [0u8; 4];
        for c in word.chars().flat_map(char::to_lowercase) {
            c.encode_utf8(&mut buf).bytes().for_each(&mut eat);
        }
    }
    h
}

/// Most earlier members of one band bucket a draft is compared with: a
/// folder of copies of one template must not mean a comparison per pair.
const MAX_PER_BUCKET: usize = 64;

/// One band of every sketch: (band key, draft) sorted, so the drafts that
/// share a key sit together, and where each draft landed.
struct Band {
    entries: Vec<(u64, u32)>,
    position: Vec<u32>,
}

impl Band {
    fn new(sketches: &[[u64; HASHES]], bodies: &[Vec<u64>], band: usize) -> Band {
        let mut entries: Vec<(u64, u32)> = sketches
            .iter()
            .enumerate()
            .filter(|(doc, _)| !bodies[*doc].is_empty())
            .map(|(doc, s)| {
                let row = &s[band * ROWS..(band + 1) * ROWS];
                let key = mix(row[0] ^ row[1].rotate_left(17), band)
                    ^ row[2].rotate_left(31)
                    ^ row[3].rotate_left(47);
                (key, doc as u32)
            })
            .collect();
        entries.sort_unstable();
        let mut position = vec![u32::MAX; sketches.len()];
        for (at, &(_, doc)) in entries.iter().enumerate() {
            position[doc as usize] = at as u32;
        }
        Band { entries, position }
    }

    /// The drafts before `doc` in its bucket, nearest first.
    fn earlier(&self, doc: usize) -> impl Iterator<Item = usize> + '_ {
        let at = self.position[doc] as usize;
        let key = self.entries.get(at).map(|e| e.0);
        self.entries[..at.min(self.entries.len())]
            .iter()
            .rev()
            .take_while(move |e| Some(e.0) == key)
            .take(MAX_PER_BUCKET)
            .map(|e| e.1 as usize)
    }
}

/// Finds drafts that repeat an earlier one at `threshold` or above; each
/// later draft is reported once, naming the most similar earlier draft.
/// Each draft is compared only with earlier drafts that share a band of
/// its sketch, and the drafts are handled in parallel.
pub fn find_duplicates(bodies: &[Vec<u64>], threshold: f64) -> Vec<Duplicate> {
    use rayon::prelude::*;
    let sketches: Vec<[u64; HASHES]> = bodies.par_iter().map(|b| sketch(b)).collect();
    let bags: Vec<Vec<u64>> = bodies.par_iter().map(|b| bag(b)).collect();
    let bands: Vec<Band> = (0..HASHES / ROWS)
        .into_par_iter()
        .map(|band| Band::new(&sketches, bodies, band))
        .collect();
    let is_duplicate = |earlier: usize, later: usize| -> Option<f64> {
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
        (r >= threshold).then_some(r)
    };
    (0..bodies.len())
        .into_par_iter()
        .map_init(
            || (vec![u32::MAX; bodies.len()], Vec::new()),
            |(seen, candidates), later| {
                if bodies[later].is_empty() {
                    return None;
                }
                candidates.clear();
                for band in &bands {
                    for earlier in band.earlier(later) {
                        if seen[earlier] != later as u32 {
                            seen[earlier] = later as u32;
                            candidates.push(earlier);
                        }
                    }
                }
                // Ties go to the earliest draft.
                candidates.sort_unstable();
                let mut best: Option<Duplicate> = None;
                for &earlier in candidates.iter() {
                    if let Some(ratio) = is_duplicate(earlier, later) {
                        if best.as_ref().is_none_or(|b| ratio > b.ratio) {
                            best = Some(Duplicate {
                                later,
                                earlier,
                                ratio,
                            });
                        }
                    }
                }
                best
            },
        )
        .flatten()
        .collect()
}

/// The `similarity` check kind.
pub(crate) static KIND: CheckKind = CheckKind {
    name: "similarity",
    user_rules: false,
    variables: &["other", "percent"],
    compile: |value| Ok(Box::new(Similarity::compile(parameters(value)?)?)),
};

impl Check for Similarity {
    fn kind(&self) -> &'static CheckKind {
        &KIND
    }

    fn run(&self, _doc: &Document, _env: &Env<'_>) -> Vec<Finding> {
        // Drafts are compared with each other after each is linted.
        Vec::new()
    }

    fn settings(&self) -> Vec<Setting> {
        vec![Setting {
            name: "threshold".into(),
            value: self.threshold,
            unit: "",
            max: 1.0,
            whole: false,
        }]
    }

    fn set(&mut self, name: &str, value: f64) {
        if name == "threshold" {
            self.threshold = value;
        }
    }

    check_boilerplate!();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<u64> {
        s.split_whitespace().map(word_hash).collect()
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

    #[test]
    fn words_hash_ignoring_case_and_sketches_track_overlap() {
        assert_eq!(word_hash("STRAßE"), word_hash("straße"));
        assert_eq!(word_hash("Hello"), word_hash("hello"));
        assert_ne!(word_hash("hello"), word_hash("help"));
        let base: Vec<u64> = (0..200).collect();
        let mut close = base.clone();
        close[100] = 999;
        let far: Vec<u64> = (1000..1200).collect();
        let (a, b, c) = (sketch(&base), sketch(&close), sketch(&far));
        assert!(estimated_jaccard(&a, &b) > 0.8);
        assert!(estimated_jaccard(&a, &c) < 0.2);
        assert_eq!(sketch(&[]), [u64::MAX; HASHES]);
    }
}
