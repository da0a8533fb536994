//! Trains the kind model (`src/draft/infer/kind-model.tsv`) on labelled drafts
//! and reports how well it does on drafts it was not trained on.
//!
//! ```sh
//! cargo run --release --example train-kind -- tests/labelled ../shared/corpus          # folds only
//! cargo run --release --example train-kind -- --write tests/labelled ../shared/corpus  # and write the model
//! ```
//!
//! Each folder holds drafts and an `expected.yaml` in the corpus format
//! (`cases:` with `file` and `kind`, a kind or a list of kinds). The drafts
//! are split into folds by a hash of their file names; for each fold the
//! model is trained on the others and scored on it, and the held-back
//! accuracy (the predicted kind is one of the labelled ones) is printed
//! per fold and in total. `--write` then trains on every draft and writes
//! the weights. The front matter's `kind:` is never a feature: the model
//! learns the text, the shape and the `medium`.

#![allow(clippy::print_stdout, clippy::print_stderr)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use followup::draft::infer::{self, MODEL_KINDS};
use followup::draft::kind::NoteKind;
use followup::engine::linter::Linter;
use followup::text::source::SourceFile;

/// Folds for the held-back score.
const FOLDS: u64 = 5;
/// A word or pair must appear in this many training drafts to be a feature,
/// so that no single draft's names or sentences become weights.
const MIN_DRAFTS: usize = 6;
/// L2 penalty on a word or pair weight: strong, so that words only tip
/// the balance where cues and shape leave it open.
const L2_WORDS: f64 = 0.02;
/// L2 penalty on a cue-family or shape weight.
const L2_CUES: f64 = 0.002;
/// Gradient steps.
const STEPS: usize = 600;
/// Step size.
const RATE: f64 = 0.5;
/// Weights smaller than this are not written.
const KEEP: f64 = 0.005;

/// One labelled draft, as features.
struct Example {
    file: String,
    kinds: Vec<NoteKind>,
    features: Vec<String>,
    chars: usize,
}

fn main() -> ExitCode {
    let mut write = false;
    let mut dirs = Vec::new();
    let mut score_dirs = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--write" => write = true,
            "--score" => score_dirs.extend(args.next().map(PathBuf::from)),
            "-h" | "--help" => {
                println!("usage: train-kind [--write] DIR...");
                return ExitCode::SUCCESS;
            }
            _ => dirs.push(PathBuf::from(arg)),
        }
    }
    if dirs.is_empty() {
        eprintln!("usage: train-kind [--write] DIR...");
        return ExitCode::from(2);
    }
    let examples = match load(&dirs) {
        Ok(examples) => examples,
        Err(err) => {
            eprintln!("train-kind: {err}");
            return ExitCode::from(2);
        }
    };
    println!("{} labelled drafts", examples.len());
    // Temperature: the logits' scale that gives the held-back drafts the
    // highest likelihood, so that probabilities (and "unsure") mean what
    // they say. Fitted on the folds' held-back predictions only.
    let mut held_logits: Vec<([f64; 6], Vec<usize>)> = Vec::new();
    for fold in 0..FOLDS {
        let (test, train): (Vec<&Example>, Vec<&Example>) =
            examples.iter().partition(|e| fold_of(&e.file) == fold);
        let model = Model::train(&train, 1.0);
        for e in &test {
            let labels = e
                .kinds
                .iter()
                .filter_map(|k| MODEL_KINDS.iter().position(|m| m == k))
                .collect();
            held_logits.push((model.logits(&e.features), labels));
        }
    }
    let temperature = fit_temperature(&held_logits);
    println!("temperature fitted on held-back predictions: {temperature:.2}");
    let mut right = 0;
    let mut covered = 0;
    let mut unsure = 0;
    for fold in 0..FOLDS {
        let (test, train): (Vec<&Example>, Vec<&Example>) =
            examples.iter().partition(|e| fold_of(&e.file) == fold);
        let model = Model::train(&train, temperature);
        let mut fold_right = 0;
        for e in &test {
            let ranked = infer::rank(model.probabilities(&e.features), e.chars, e.connects());
            let open = infer::still_open(&ranked);
            if e.kinds.contains(&ranked[0].0) {
                fold_right += 1;
            } else {
                println!(
                    "  fold {fold}: {} labelled {}, inferred {} (open: {})",
                    e.file,
                    names(&e.kinds),
                    ranked[0].0,
                    names(&open)
                );
            }
            if open.iter().any(|k| e.kinds.contains(k)) {
                covered += 1;
            }
            if open.len() > 1 {
                unsure += 1;
            }
        }
        right += fold_right;
        println!(
            "fold {fold}: {fold_right}/{} held-back drafts inferred right",
            test.len()
        );
    }
    let n = examples.len();
    println!(
        "held-back kind accuracy: {right}/{n} ({:.3}); the labelled kind still open: {covered}/{n}; unsure: {unsure}",
        right as f64 / n as f64
    );
    let all: Vec<&Example> = examples.iter().collect();
    let model = Model::train(&all, temperature);
    for dir in &score_dirs {
        // Drafts the model was not trained on: measured, never fitted.
        let held = match load(std::slice::from_ref(dir)) {
            Ok(held) => held,
            Err(err) => {
                eprintln!("train-kind: {err}");
                return ExitCode::from(2);
            }
        };
        let mut right = 0;
        for e in &held {
            let ranked = infer::rank(model.probabilities(&e.features), e.chars, e.connects());
            if e.kinds.contains(&ranked[0].0) {
                right += 1;
            } else {
                println!(
                    "  {}: {} labelled {}, inferred {} ({:.2})",
                    dir.display(),
                    e.file,
                    names(&e.kinds),
                    ranked[0].0,
                    ranked[0].1
                );
            }
        }
        println!("{}: {right}/{} inferred right", dir.display(), held.len());
    }
    if write {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/draft/infer/kind-model.tsv");
        if let Err(err) = model.write(&path, n) {
            eprintln!("train-kind: cannot write {}: {err}", path.display());
            return ExitCode::from(2);
        }
        println!("wrote {}", path.display());
    }
    ExitCode::SUCCESS
}

fn names(kinds: &[NoteKind]) -> String {
    kinds
        .iter()
        .map(|k| k.as_str())
        .collect::<Vec<_>>()
        .join("|")
}

/// FNV-1a of the file name, for folds that do not change as drafts are added.
fn fold_of(file: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in file.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h % FOLDS
}

fn load(dirs: &[PathBuf]) -> Result<Vec<Example>, String> {
    let linter = Linter::builtin().map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for dir in dirs {
        let labels = dir.join("expected.yaml");
        let text =
            std::fs::read_to_string(&labels).map_err(|e| format!("{}: {e}", labels.display()))?;
        let doc: serde_yaml::Value =
            serde_yaml::from_str(&text).map_err(|e| format!("{}: {e}", labels.display()))?;
        let cases = doc
            .get("cases")
            .and_then(|c| c.as_sequence())
            .ok_or_else(|| format!("{}: no `cases:` list", labels.display()))?;
        for case in cases {
            let file = case
                .get("file")
                .and_then(|f| f.as_str())
                .ok_or_else(|| format!("{}: a case has no `file`", labels.display()))?;
            let kinds: Vec<NoteKind> = match case.get("kind") {
                Some(serde_yaml::Value::String(k)) => vec![k.parse()?],
                Some(serde_yaml::Value::Sequence(ks)) => ks
                    .iter()
                    .filter_map(|k| k.as_str())
                    .map(str::parse)
                    .collect::<Result<_, _>>()?,
                _ => return Err(format!("{}: {file} has no kind", labels.display())),
            };
            let path = dir.join(file);
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let parsed = linter
                .parse(SourceFile::new(path.display().to_string(), text))
                .map_err(|e| e.to_string())?;
            out.push(Example {
                file: file.to_string(),
                kinds,
                features: parsed.kind_features().into_iter().map(|f| f.name).collect(),
                chars: parsed.message_chars(),
            });
        }
    }
    Ok(out)
}

impl Example {
    /// Whether the draft asks to connect (a LinkedIn cue matched).
    fn connects(&self) -> bool {
        self.features.iter().any(|f| f == infer::LINKEDIN_CUE)
    }
}

/// A multinomial logistic regression over binary features.
struct Model {
    bias: [f64; 6],
    weights: BTreeMap<String, [f64; 6]>,
}

impl Model {
    /// Full-batch gradient descent with an L2 penalty; the vocabulary is
    /// every cue and shape feature, and the words and pairs of at least
    /// [`MIN_DRAFTS`] training drafts.
    fn train(examples: &[&Example], temperature: f64) -> Model {
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for e in examples {
            for f in &e.features {
                *counts.entry(f.as_str()).or_default() += 1;
            }
        }
        let vocabulary: BTreeSet<&str> = counts
            .into_iter()
            .filter(|(f, n)| {
                f.starts_with("cue:")
                    || f.starts_with("shape:")
                    || *n >= env_or("TRAIN_MIN_DRAFTS", MIN_DRAFTS as f64) as usize
            })
            .map(|(f, _)| f)
            .collect();
        let index: BTreeMap<&str, usize> = vocabulary
            .iter()
            .enumerate()
            .map(|(i, f)| (*f, i))
            .collect();
        let rows: Vec<(Vec<usize>, usize)> = examples
            .iter()
            .map(|e| {
                let x = e
                    .features
                    .iter()
                    .filter_map(|f| index.get(f.as_str()).copied())
                    .collect();
                let y = MODEL_KINDS
                    .iter()
                    .position(|k| *k == e.kinds[0])
                    .unwrap_or(0);
                (x, y)
            })
            .collect();
        let n = rows.len().max(1) as f64;
        let l2_words = env_or("TRAIN_L2_WORDS", L2_WORDS);
        let l2_cues = env_or("TRAIN_L2_CUES", L2_CUES);
        let penalty: Vec<f64> = vocabulary
            .iter()
            .map(|f| {
                if f.starts_with("w:") || f.starts_with("b:") {
                    l2_words
                } else {
                    l2_cues
                }
            })
            .collect();
        let mut w = vec![[0f64; 6]; vocabulary.len()];
        let mut b = [0f64; 6];
        for _ in 0..STEPS {
            let mut gw = vec![[0f64; 6]; w.len()];
            let mut gb = [0f64; 6];
            for (x, y) in &rows {
                let mut logits = b;
                for &i in x {
                    for k in 0..6 {
                        logits[k] += w[i][k];
                    }
                }
                let p = softmax(logits);
                for k in 0..6 {
                    let err = p[k] - if k == *y { 1.0 } else { 0.0 };
                    gb[k] += err;
                    for &i in x {
                        gw[i][k] += err;
                    }
                }
            }
            for k in 0..6 {
                b[k] -= RATE * gb[k] / n;
            }
            for ((wi, gi), l2) in w.iter_mut().zip(&gw).zip(&penalty) {
                for k in 0..6 {
                    wi[k] -= RATE * (gi[k] / n + l2 * wi[k]);
                }
            }
        }
        Model {
            bias: b.map(|x| x * temperature),
            weights: vocabulary
                .iter()
                .zip(w)
                .map(|(f, wi)| ((*f).to_string(), wi.map(|x| x * temperature)))
                .collect(),
        }
    }

    fn logits(&self, features: &[String]) -> [f64; 6] {
        let mut logits = self.bias;
        for f in features {
            if let Some(w) = self.weights.get(f) {
                for k in 0..6 {
                    logits[k] += w[k];
                }
            }
        }
        logits
    }

    fn probabilities(&self, features: &[String]) -> [f32; 6] {
        softmax(self.logits(features)).map(|p| p as f32)
    }

    fn write(&self, path: &Path, drafts: usize) -> std::io::Result<()> {
        let mut out = String::new();
        out.push_str("# The kind model of followup: multinomial logistic regression weights,\n");
        out.push_str(&format!(
            "# written by scripts/train_kind.rs from {drafts} labelled drafts. Columns: feature, then\n# {}.\n",
            MODEL_KINDS.map(|k| k.as_str()).join(", ")
        ));
        let row = |name: &str, w: &[f64; 6]| {
            let cells: Vec<String> = w.iter().map(|x| format!("{x:.4}")).collect();
            format!("{name}\t{}\n", cells.join("\t"))
        };
        out.push_str(&row("bias", &self.bias));
        for (name, w) in &self.weights {
            if w.iter().any(|x| x.abs() >= KEEP) && !name.contains('\t') {
                out.push_str(&row(name, w));
            }
        }
        let tmp = path.with_extension("tsv.tmp");
        std::fs::write(&tmp, out)?;
        std::fs::rename(&tmp, path)
    }
}

/// The scale of the logits (from 0.5 to 10) that maximises the likelihood
/// of the labelled kinds (any of a draft's labels counts).
fn fit_temperature(held: &[([f64; 6], Vec<usize>)]) -> f64 {
    let likelihood = |t: f64| -> f64 {
        held.iter()
            .map(|(logits, labels)| {
                let p = softmax(logits.map(|l| l * t));
                labels.iter().map(|&k| p[k]).sum::<f64>().max(1e-12).ln()
            })
            .sum()
    };
    (1..=40)
        .map(|i| f64::from(i) * 0.25)
        .max_by(|a, b| likelihood(*a).total_cmp(&likelihood(*b)))
        .unwrap_or(1.0)
}

fn softmax(logits: [f64; 6]) -> [f64; 6] {
    let max = logits.iter().copied().fold(f64::MIN, f64::max);
    let mut out = logits.map(|l| (l - max).exp());
    let sum: f64 = out.iter().sum();
    for p in &mut out {
        *p /= sum;
    }
    out
}

/// A training constant, overridable from the environment for experiments.
fn env_or(name: &str, default: f64) -> f64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}
