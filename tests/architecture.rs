//! The rooms of `src/` depend on each other in one direction only: each
//! room may use the rooms listed before it, never one after it, so the
//! pipeline reads top to bottom and no cycle can form. The binary
//! (`src/main.rs`, `src/cli/`) may use everything.

use std::collections::BTreeSet;
use std::path::Path;

/// The rooms, lowest first.
const ROOMS: &[&str] = &[
    "text", "pattern", "draft", "checks", "rules", "engine", "report", "plan", "lsp", "book",
];

/// The rooms a Rust source names through `crate::room` (also inside
/// `use crate::{…}` groups over several lines), comments skipped.
fn rooms_used(source: &str) -> BTreeSet<String> {
    let code: String = source
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join(" ");
    let mut used = BTreeSet::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        rest = &rest[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // The group's top-level items: `a::X`, `b::{Y, Z}`.
            let (mut depth, mut item) = (0usize, String::new());
            let mut items = Vec::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => items.push(std::mem::take(&mut item)),
                    _ => {}
                }
                item.push(c);
            }
            items.push(item);
            for item in items {
                if let Some((room, _)) = item.trim_start_matches(',').trim().split_once("::") {
                    used.insert(room.to_string());
                }
            }
            continue;
        }
        let room: String = rest
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '_')
            .collect();
        used.insert(room);
    }
    used
}

fn visit(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            visit(&path, out);
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
}

#[test]
fn rooms_depend_only_on_the_rooms_before_them() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut violations = Vec::new();
    for room in ROOMS {
        let rank = ROOMS.iter().position(|r| r == room).unwrap_or(0);
        let mut files = Vec::new();
        visit(&src.join(room), &mut files);
        assert!(!files.is_empty(), "src/{room}/ has no sources");
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap_or_default();
            for used in rooms_used(&text) {
                match ROOMS.iter().position(|r| *r == used) {
                    Some(i) if i > rank => violations.push(format!(
                        "{} uses crate::{used}, a room after `{room}`",
                        file.display()
                    )),
                    None if used != "cli" => {}
                    None => violations.push(format!(
                        "{} uses the binary's cli from the library",
                        file.display()
                    )),
                    _ => {}
                }
            }
        }
    }
    assert!(violations.is_empty(), "{}", violations.join("\n"));
}

#[test]
fn the_checker_sees_grouped_and_plain_paths() {
    let used = rooms_used(
        "use crate::{\n    text::{Edit, Fix},\n    draft::Document,\n};\nlet x = crate::engine::Linter::new();\n// crate::book in a comment\n",
    );
    assert_eq!(
        used.into_iter().collect::<Vec<_>>(),
        ["draft", "engine", "text"]
    );
}

#[test]
fn every_room_says_what_it_owns() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for room in ROOMS {
        let text = std::fs::read_to_string(src.join(room).join("mod.rs")).unwrap_or_default();
        assert!(
            text.starts_with("//!"),
            "src/{room}/mod.rs must open with a module comment saying what the room owns"
        );
    }
}
