//! The kind model's weights (generated from `kind-model.tsv` at build
//! time, so loading costs nothing) and scoring a note's features with them.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::draft::kind::NoteKind;

/// Generated data: a weight that happens to be close to a mathematical
/// constant is still a weight.
#[allow(clippy::approx_constant)]
mod weights {
    include!(concat!(env!("OUT_DIR"), "/kind_model.rs"));

    /// How many features the model has.
    pub(super) fn rows() -> usize {
        NAME_ENDS.len()
    }

    /// The name of feature `row`.
    pub(super) fn name(row: usize) -> &'static str {
        let start = row.checked_sub(1).map_or(0, |r| NAME_ENDS[r] as usize);
        NAMES
            .get(start..NAME_ENDS[row] as usize)
            .unwrap_or_default()
    }

    /// The weights of feature `row`, one per kind.
    pub(super) fn weights(row: usize) -> [f32; 6] {
        WEIGHTS[row].map(|w| w as f32 / 10_000.0)
    }
}

/// The kinds in the order of the model's weight columns.
pub const MODEL_KINDS: [NoteKind; 6] = NoteKind::ALL;

/// A note's scores: the logit of each kind, and the features that counted.
#[derive(Debug, Clone)]
pub struct Scores {
    /// Bias plus the weights of every feature present, per kind.
    pub logits: [f32; 6],
    /// The model's rows of the features present, each once.
    present: Vec<usize>,
    /// The phrase each cue family matched first.
    cue_texts: Vec<(String, String)>,
}

type RowIndex = HashMap<&'static str, usize, crate::text::hash::FnvBuild>;

/// Looks up a feature's row in the model (an index built on first use
/// costs a few microseconds and saves a binary search per word).
fn row_of(name: &str) -> Option<usize> {
    static INDEX: OnceLock<RowIndex> = OnceLock::new();
    INDEX
        .get_or_init(|| {
            (0..weights::rows())
                .map(|i| (weights::name(i), i))
                .collect()
        })
        .get(name)
        .copied()
}

/// Scores a note with the embedded model (see [`super::each_feature`]).
pub fn score(spaced: &str, starts: &[u32], shape: &super::Shape) -> Scores {
    let mut present = Vec::new();
    let mut cue_texts: Vec<(String, String)> = Vec::new();
    super::each_feature(spaced, starts, shape, |name, cue_text| {
        if let Some(row) = row_of(name) {
            present.push(row);
        }
        if let Some(text) = cue_text {
            if !cue_texts.iter().any(|(n, _)| n == name) {
                cue_texts.push((name.to_string(), text.to_string()));
            }
        }
    });
    present.sort_unstable();
    present.dedup();
    let mut logits = weights::BIAS;
    for &row in &present {
        for (l, x) in logits.iter_mut().zip(weights::weights(row)) {
            *l += x;
        }
    }
    Scores {
        logits,
        present,
        cue_texts,
    }
}

impl Scores {
    /// Softmax of the logits.
    pub fn probabilities(&self) -> [f32; 6] {
        let max = self.logits.iter().copied().fold(f32::MIN, f32::max);
        let mut out = self.logits.map(|l| (l - max).exp());
        let sum: f32 = out.iter().sum();
        if sum > 0.0 {
            for p in &mut out {
                *p /= sum;
            }
        }
        out
    }

    /// Whether a feature of this name was present.
    pub fn has(&self, name: &str) -> bool {
        row_of(name).is_some_and(|row| self.present.binary_search(&row).is_ok())
            || self.cue_texts.iter().any(|(n, _)| n == name)
    }

    /// How a present feature reads: the phrase a cue matched, the words of
    /// a word feature, the description of a shape.
    fn shown<'a>(&'a self, name: &'a str) -> &'a str {
        if let Some((_, text)) = self.cue_texts.iter().find(|(n, _)| n == name) {
            return text;
        }
        super::features::shown_of(name)
    }

    /// The `n` features that did most for `kind` against the other kinds.
    pub fn evidence_for(&self, kind: NoteKind, n: usize) -> Vec<String> {
        let Some(k) = MODEL_KINDS.iter().position(|m| *m == kind) else {
            return Vec::new();
        };
        let mut margins: Vec<(f32, &str)> = self
            .present
            .iter()
            .map(|&row| {
                let (name, w) = (weights::name(row), weights::weights(row));
                let others = w
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != k)
                    .map(|(_, x)| *x)
                    .fold(f32::MIN, f32::max);
                (w[k] - others, self.shown(name))
            })
            .filter(|(margin, _)| *margin > 0.0)
            .collect();
        margins.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(b.1)));
        let mut out: Vec<String> = Vec::new();
        for (_, shown) in margins {
            if out.len() == n {
                break;
            }
            if !out
                .iter()
                .any(|o| o.contains(shown) || shown.contains(o.as_str()))
            {
                out.push(shown.to_string());
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_are_sorted_for_lookup() {
        let names: Vec<&str> = (0..weights::rows()).map(weights::name).collect();
        assert!(names.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(weights::WEIGHTS.len(), names.len());
    }

    #[test]
    fn probabilities_sum_to_one() {
        let scores = score("", &[], &crate::draft::infer::Shape::default());
        let sum: f32 = scores.probabilities().iter().sum();
        assert!((sum - 1.0).abs() < 1e-4);
    }
}
