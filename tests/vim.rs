//! Vim loads `followup lint --format line` into its quickfix list with the
//! errorformat from docs/editors.md, and jumping to an entry puts the
//! cursor on the flagged text, accented and wide characters included.

// A test that cannot run here says why on stdout.
#![allow(clippy::print_stdout)]

use std::path::PathBuf;
use std::process::Command;

use serde_json::Value;

/// The recipe's errorformat: followup's columns count characters, which
/// are Vim's virtual columns (`%v`) for everything but tabs and wide characters.
const ERRORFORMAT: &str = r"%f:%l:%v:\ %m";

const DRAFT: &str = "---
to: Dr. Rachel Vilsack
kind: thank-you
date: 2026-03-10
interviewed: 2026-03-10
---
Dear Rachel,

Thank you for the tour of the caf\u{e9} and the r\u{f4}le of the night shift today!! I enjoyed hearing about the new till system.

I am very interested in the role and would be glad to join your team. I am happy to provide references or work samples.

Best regards,
Ana Reyes
";

fn vim() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join("vim"))
        .find(|p| p.is_file())
}

const SCRIPT: &str = r#"
let s:cmd = shellescape($FOLLOWUP_BIN) . ' lint --today 2026-03-10 --format line ' . shellescape($DRAFT)
let &errorformat = $ERRORFORMAT
cgetexpr system(s:cmd)
let s:jumps = []
for s:i in range(1, len(getqflist()))
  silent execute 'cc ' . s:i
  let s:e = getqflist()[s:i - 1]
  call add(s:jumps, {'file': expand('%:p'), 'line': line('.'), 'col': col('.'), 'at': strpart(getline('.'), col('.') - 1, 4), 'text': s:e.text, 'valid': s:e.valid})
endfor
let &makeprg = s:cmd
silent make!
let s:made = map(getqflist(), {_, e -> [fnamemodify(bufname(e.bufnr), ':p'), e.lnum, e.col, e.vcol, e.text]})
call writefile([json_encode({'jumps': s:jumps, 'made': s:made})], $OUT)
qa!
"#;

#[test]
fn vim_quickfix_jumps_to_each_diagnostic() {
    let Some(vim) = vim() else {
        println!("skipped: vim is not installed (apt-get install vim)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("thank-you.md");
    std::fs::write(&draft, DRAFT).unwrap();
    let script = dir.path().join("quickfix.vim");
    std::fs::write(&script, SCRIPT).unwrap();
    let out = dir.path().join("quickfix.json");
    let status = Command::new(vim)
        .args(["-N", "-u", "NONE", "-i", "NONE", "-n", "-es", "-S"])
        .arg(&script)
        .env("FOLLOWUP_BIN", env!("CARGO_BIN_EXE_followup"))
        .env("DRAFT", &draft)
        .env("ERRORFORMAT", ERRORFORMAT)
        .env("OUT", &out)
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert!(status.success(), "vim failed: {status}");
    let result: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();

    let jumps = result["jumps"].as_array().unwrap();
    let file = draft.canonicalize().unwrap();
    let got: Vec<(i64, &str)> = jumps
        .iter()
        .map(|j| {
            assert_eq!(j["valid"], 1, "{j}");
            assert_eq!(
                PathBuf::from(j["file"].as_str().unwrap())
                    .canonicalize()
                    .unwrap(),
                file
            );
            (j["line"].as_i64().unwrap(), j["at"].as_str().unwrap())
        })
        .collect();
    // The cursor lands on `Dear` and, past `café` and `rôle`, on `!!`.
    assert_eq!(got, [(7, "Dear"), (9, "!! I")], "{jumps:#?}");
    let line9 = DRAFT.lines().nth(8).unwrap();
    assert_eq!(
        jumps[1]["col"].as_u64().unwrap() as usize,
        line9.find("!!").unwrap() + 1
    );
    assert!(
        jumps[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("warning[first-name-salutation] the greeting")
    );
    assert!(
        jumps[1]["text"]
            .as_str()
            .unwrap()
            .starts_with("warning[informal-language] `!!`")
    );

    // `:make` with the same makeprg fills the same list.
    let made = result["made"].as_array().unwrap();
    assert_eq!(made.len(), 2);
    assert_eq!(made[1][1], 9);
    assert_eq!(made[1][3], 1, "columns are virtual columns");
    assert_eq!(made[1][4], jumps[1]["text"]);
}
