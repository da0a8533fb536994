//! The kind model's weights (generated from `kind-model.tsv` at build
//! time, so loading costs nothing) and scoring a note's features with them.

use super::features::Feature;
use crate::kind::NoteKind;

mod weights {
    include!(concat!(env!("OUT_DIR"), "/kind_model.rs"));
}

/// The kinds in the order of the model's weight columns.
pub const MODEL_KINDS: [NoteKind; 6] = NoteKind::ALL;

/// A note's scores: the logit of each kind, and what each feature added.
#[derive(Debug, Clone)]
pub struct Scores {
    /// Bias plus the weights of every feature present, per kind.
    pub logits: [f32; 6],
    /// Each known feature's index in the scored features, and its weights.
    contributions: Vec<(usize, [f32; 6])>,
}

/// Looks up a feature's weights.
fn weights_of(name: &str) -> Option<&'static [f32; 6]> {
    weights::WEIGHTS
        .binary_search_by(|(n, _)| (*n).cmp(name))
        .ok()
        .map(|i| &weights::WEIGHTS[i].1)
}

/// Scores `features` with the embedded model.
pub fn score(features: &[Feature]) -> Scores {
    let mut logits = weights::BIAS;
    let mut contributions = Vec::new();
    for (i, feature) in features.iter().enumerate() {
        if let Some(w) = weights_of(&feature.name) {
            for (l, x) in logits.iter_mut().zip(w) {
                *l += x;
            }
            contributions.push((i, *w));
        }
    }
    Scores {
        logits,
        contributions,
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

    /// The `n` features (of the `features` scored) that did most for `kind`
    /// against the other kinds.
    pub fn evidence_for(&self, features: &[Feature], kind: NoteKind, n: usize) -> Vec<String> {
        let Some(k) = MODEL_KINDS.iter().position(|m| *m == kind) else {
            return Vec::new();
        };
        let mut margins: Vec<(f32, &str)> = self
            .contributions
            .iter()
            .map(|(i, w)| {
                let others = w
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| *i != k)
                    .map(|(_, x)| *x)
                    .fold(f32::MIN, f32::max);
                let shown = features.get(*i).map_or("", Feature::shown);
                (w[k] - others, shown)
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
        assert!(weights::WEIGHTS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn probabilities_sum_to_one() {
        let scores = score(&[]);
        let sum: f32 = scores.probabilities().iter().sum();
        assert!((sum - 1.0).abs() < 1e-4);
    }
}
