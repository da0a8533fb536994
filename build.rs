//! Embeds every `rules/*.yaml` file into the binary, twice: as written (for
//! `explain` and error messages) and converted to JSON, which loads about ten
//! times faster than YAML at start-up. A rule file that is not valid YAML
//! stops the build here with its name and line. On x86-64 Linux it also
//! links the executable position-dependent (see `link_position_dependent`).
//! It also turns the kind model and the common-word list into Rust tables.

use std::fmt::Write as _;
use std::path::Path;

fn main() {
    link_position_dependent();
    embed_kind_model();
    embed_common_words();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".yaml"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let out_dir = std::env::var("OUT_DIR").unwrap_or_default();
    let mut out = String::from(
        "/// Built-in rule files: (file name, YAML as written, the same as JSON).\npub(crate) const RULES: &[(&str, &str, &str)] = &[\n",
    );
    for name in &names {
        let path = dir.join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(err) => panic!("cannot read {}: {err}", path.display()),
        };
        let mut value: serde_json::Value = match serde_yaml::from_str(&text) {
            Ok(value) => value,
            Err(err) => panic!("rules/{name} is not valid YAML: {err}"),
        };
        let native = std::env::var_os("CARGO_FEATURE_NATIVE").is_some();
        if !native {
            // The engine alone lints and reports JSON; a rule's examples,
            // rationale and summary are for tests, `explain`, the handbook
            // and SARIF, which only the native build has. Leaving them out
            // keeps the WebAssembly module smaller.
            if let Some(rule) = value.as_object_mut() {
                rule.remove("examples");
                for unused in ["rationale", "summary"] {
                    rule.insert(unused.into(), serde_json::Value::String(String::new()));
                }
            }
        }
        let json = match serde_json::to_string(&value) {
            Ok(json) => json,
            Err(err) => panic!("rules/{name} cannot be converted to JSON: {err}"),
        };
        let json_path = Path::new(&out_dir).join(format!("{name}.json"));
        if let Err(err) = std::fs::write(&json_path, json) {
            panic!("cannot write {}: {err}", json_path.display());
        }
        // The engine alone (no `native` feature, as in the WebAssembly
        // module) loads rules from JSON only and leaves the YAML text out.
        let yaml = if native {
            format!("include_str!({:?})", path.display().to_string())
        } else {
            "\"\"".to_string()
        };
        let _ = writeln!(
            out,
            "    ({name:?}, {yaml}, include_str!({:?})),",
            json_path.display().to_string()
        );
    }
    out.push_str("];\n");
    let dest = Path::new(&out_dir).join("builtin_rules.rs");
    if let Err(err) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {err}", dest.display());
    }
    write_rule_tests(&out_dir, &names);
}

/// One named test per rule file (`rule_missing_offer`), for
/// `tests/rule_examples.rs` to include: a new rule file gets its test with
/// no list to keep by hand.
fn write_rule_tests(out_dir: &str, names: &[String]) {
    let mut out = String::new();
    for name in names {
        let id = name.trim_end_matches(".yaml");
        let _ = writeln!(
            out,
            "#[test]\nfn rule_{}() {{\n    check_rule({id:?});\n}}\n",
            id.replace('-', "_")
        );
    }
    let dest = Path::new(out_dir).join("rule_tests.rs");
    if let Err(err) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {err}", dest.display());
    }
}

/// On x86-64 Linux, links the `followup` executable at a fixed address
/// (`-no-pie`). A position-independent executable has some 20,000 pointers
/// to patch at every start, which touches about a hundred pages of memory:
/// close to a millisecond of a run that lints one draft in two.
fn link_position_dependent() {
    let var = |name: &str| std::env::var(name).unwrap_or_default();
    if var("CARGO_CFG_TARGET_OS") == "linux"
        && var("CARGO_CFG_TARGET_ARCH") == "x86_64"
        && var("CARGO_CFG_TARGET_ENV") == "gnu"
    {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}

/// Turns `src/draft/infer/kind-model.tsv` (written by `scripts/train_kind.rs`)
/// into a sorted Rust table, so the kind model costs nothing to load.
fn embed_kind_model() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/draft/infer/kind-model.tsv");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut bias = [0f32; 6];
    let mut rows: Vec<(String, [f32; 6])> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let mut cells = line.split('\t');
        let name = cells.next().unwrap_or_default().to_string();
        let mut weights = [0f32; 6];
        for w in &mut weights {
            *w = match cells.next().map(str::parse) {
                Some(Ok(x)) => x,
                _ => panic!(
                    "src/draft/infer/kind-model.tsv line {}: six weights expected",
                    n + 1
                ),
            };
        }
        if name == "bias" {
            bias = weights;
        } else {
            rows.push((name, weights));
        }
    }
    rows.sort_by(|a, b| a.0.cmp(&b.0));
    rows.dedup_by(|a, b| a.0 == b.0);
    // Weights have at most four decimals: kept as ten-thousandths, which
    // divide back into exactly the f32 the decimal names, in a table that
    // packs smaller than floats would. Names are one string with the end
    // of each name (a table of pointers would be bigger still).
    let scaled = |w: f32, n: &str| -> i32 {
        let x = (f64::from(w) * 10_000.0).round();
        if (f64::from((x / 10_000.0) as f32) - f64::from(w)).abs() > 0.0 {
            panic!(
                "src/draft/infer/kind-model.tsv: weight {w} of `{n}` has more than four decimals"
            );
        }
        x as i32
    };
    let mut names = String::new();
    let mut ends = Vec::new();
    for (name, _) in &rows {
        names.push_str(name);
        ends.push(names.len());
    }
    let mut out = format!(
        "/// Per-kind bias.\npub(crate) const BIAS: [f32; 6] = {bias:?};\n/// Feature names, sorted, one after another.\npub(crate) static NAMES: &str = {names:?};\n/// Where each name in NAMES ends.\npub(crate) static NAME_ENDS: [u32; {}] = {ends:?};\n/// Feature weights in ten-thousandths, in the order of the names.\npub(crate) static WEIGHTS: [[i32; 6]; {}] = [\n",
        rows.len(),
        rows.len()
    );
    for (name, w) in &rows {
        let w = w.map(|x| scaled(x, name));
        let _ = writeln!(out, "    {w:?},");
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").unwrap_or_default();
    let dest = Path::new(&out_dir).join("kind_model.rs");
    if let Err(err) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {err}", dest.display());
    }
}

/// Turns `data/dictionary/common.txt` (the words follow-up notes use most,
/// one a line) into two open-addressing hash tables with linear probing,
/// so proofreading looks a common word up without touching the dictionary
/// and the tables cost nothing to load: words of up to 8 bytes as `u64`
/// keys (their bytes, little-endian; a multiplicative hash), longer ones as
/// offsets into a string (FNV-1a). `src/dictionary.rs` reads them.
fn embed_common_words() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/dictionary/common.txt");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let mut words: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|w| !w.is_empty() && !w.starts_with('#'))
        .collect();
    words.sort_unstable();
    words.dedup();
    for w in &words {
        if w.len() > 63 || !w.bytes().all(|b| b.is_ascii_lowercase() || b == b'\'') {
            panic!("data/dictionary/common.txt: `{w}` is not a lowercase ASCII word");
        }
    }
    let (short, long): (Vec<&str>, Vec<&str>) = words.iter().partition(|w| w.len() <= 8);

    let short_size = (short.len() * 2).next_power_of_two().max(16);
    let short_bits = short_size.trailing_zeros();
    let mut short_slots = vec![0u64; short_size];
    for w in &short {
        let key = w
            .bytes()
            .enumerate()
            .fold(0u64, |k, (i, b)| k | u64::from(b) << (8 * i));
        let mut i = (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - short_bits)) as usize;
        while short_slots[i] != 0 {
            i = (i + 1) & (short_size - 1);
        }
        short_slots[i] = key;
    }

    let size = (long.len() * 2).next_power_of_two().max(16);
    let mut slots = vec![u32::MAX; size];
    let mut pool = String::new();
    for w in &long {
        let mut h: u32 = 0x811c_9dc5;
        for b in w.bytes() {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
        let mut i = h as usize & (size - 1);
        while slots[i] != u32::MAX {
            i = (i + 1) & (size - 1);
        }
        slots[i] = ((pool.len() as u32) << 6) | w.len() as u32;
        pool.push_str(w);
    }
    let mut out = format!(
        "/// Bits of the short table's hash.\npub(crate) const SHORT_BITS: u32 = {short_bits};\n/// Words of up to 8 bytes as little-endian keys, or 0 when empty.\npub(crate) static SHORT_SLOTS: [u64; {short_size}] = [\n"
    );
    for chunk in short_slots.chunks(8) {
        let row: Vec<String> = chunk.iter().map(u64::to_string).collect();
        let _ = writeln!(out, "    {},", row.join(", "));
    }
    let _ = write!(
        out,
        "];\n/// The longer common words, end to end.\npub(crate) static COMMON_POOL: &str = {pool:?};\n/// Hash slots: offset << 6 | length, or `u32::MAX` when empty.\npub(crate) static COMMON_SLOTS: [u32; {size}] = [\n"
    );
    for chunk in slots.chunks(16) {
        let row: Vec<String> = chunk.iter().map(u32::to_string).collect();
        let _ = writeln!(out, "    {},", row.join(", "));
    }
    out.push_str("];\n");
    let out_dir = std::env::var("OUT_DIR").unwrap_or_default();
    let dest = Path::new(&out_dir).join("common_words.rs");
    if let Err(err) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {err}", dest.display());
    }
}
