//! Real editors run the recipes in docs/editors.md: Vim's quickfix list and
//! Emacs' compilation mode read `followup lint --format line` and put the
//! cursor on the flagged text (accented letters earlier on the line
//! included), and Vim's built-in LSP channel talks to `followup lsp`.

// A test that cannot run here says why on stdout.
#![allow(clippy::print_stdout)]

mod editor_support;
use editor_support::{DRAFT, recipe, which};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

fn vim() -> Option<PathBuf> {
    which("vim")
}

/// Loads the draft, applies the ftplugin recipe, runs `:make!`, jumps to
/// every entry; then runs the one-off `cexpr` recipe on the same buffer.
const SCRIPT: &str = r#"
source ftplugin.vim
silent make!
let s:jumps = []
for s:i in range(1, len(getqflist()))
  silent execute 'cc ' . s:i
  let s:e = getqflist()[s:i - 1]
  call add(s:jumps, {'file': expand('%:p'), 'line': line('.'), 'col': col('.'), 'at': strpart(getline('.'), col('.') - 1, 4), 'text': s:e.text, 'valid': s:e.valid, 'vcol': s:e.vcol})
endfor
call setqflist([])
set errorformat&
source cexpr.vim
let s:once = map(getqflist(), {_, e -> [fnamemodify(bufname(e.bufnr), ':p'), e.lnum, e.col, e.vcol, e.text]})
call writefile([json_encode({'jumps': s:jumps, 'once': s:once})], 'quickfix.json')
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
    std::fs::write(dir.path().join("ftplugin.vim"), recipe("vim-ftplugin")).unwrap();
    std::fs::write(dir.path().join("cexpr.vim"), recipe("vim-cexpr")).unwrap();
    std::fs::write(dir.path().join("quickfix.vim"), SCRIPT).unwrap();
    let out = dir.path().join("quickfix.json");
    // The recipes call `followup` from PATH.
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_followup")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let status = Command::new(vim)
        .args([
            "-N",
            "-u",
            "NONE",
            "-i",
            "NONE",
            "-n",
            "-es",
            "-S",
            "quickfix.vim",
            "thank-you.md",
        ])
        .env("PATH", path)
        .current_dir(dir.path())
        .stdout(Stdio::null())
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

    for jump in jumps {
        assert_eq!(jump["vcol"], 1, "columns are virtual columns: {jump}");
    }

    // The one-off `cexpr` recipe fills the same list.
    let once = result["once"].as_array().unwrap();
    assert_eq!(once.len(), 2, "{once:#?}");
    assert_eq!(
        PathBuf::from(once[1][0].as_str().unwrap())
            .canonicalize()
            .unwrap(),
        file
    );
    assert_eq!(
        (
            once[1][1].as_u64(),
            once[1][2].as_u64(),
            once[1][3].as_u64()
        ),
        (
            Some(9),
            Some(line9.chars().take_while(|&c| c != '!').count() as u64 + 1),
            Some(1)
        )
    );
    assert_eq!(once[1][4], jumps[1]["text"]);
}

/// Vim's own LSP channel (`job_start` in `lsp` mode) talking to `followup lsp`:
/// initialize, open a draft, receive its diagnostics, hover, shut down.
const LSP_SCRIPT: &str = r#"
set encoding=utf-8
let s:msgs = []
func s:OnMessage(ch, msg)
  call add(s:msgs, a:msg)
endfunc
let s:path = fnamemodify('emoji.md', ':p')
let s:uri = 'file://' . s:path
let s:job = job_start([$FOLLOWUP_BIN, 'lsp'], {'in_mode': 'lsp', 'out_mode': 'lsp', 'err_io': 'null', 'out_cb': function('s:OnMessage')})
let s:ch = job_getchannel(s:job)
let s:init = ch_evalexpr(s:ch, {'method': 'initialize', 'params': {'processId': getpid(), 'rootUri': v:null, 'capabilities': {}}}, {'timeout': 20000})
call ch_sendexpr(s:ch, {'method': 'initialized', 'params': {}})
call ch_sendexpr(s:ch, {'method': 'textDocument/didOpen', 'params': {'textDocument': {'uri': s:uri, 'languageId': 'markdown', 'version': 1, 'text': join(readfile(s:path), "\n") . "\n"}}})
let s:waited = 0
while empty(filter(copy(s:msgs), {_, m -> get(m, 'method', '') == 'textDocument/publishDiagnostics'})) && s:waited < 1000
  sleep 20m
  let s:waited += 1
endwhile
let s:hover = ch_evalexpr(s:ch, {'method': 'textDocument/hover', 'params': {'textDocument': {'uri': s:uri}, 'position': {'line': 8, 'character': str2nr($HOVER_CHARACTER)}}}, {'timeout': 20000})
let s:down = ch_evalexpr(s:ch, {'method': 'shutdown'}, {'timeout': 20000})
call ch_sendexpr(s:ch, {'method': 'exit'})
let s:waited = 0
while job_status(s:job) == 'run' && s:waited < 1000
  sleep 20m
  let s:waited += 1
endwhile
call writefile([json_encode({'init': s:init, 'msgs': s:msgs, 'hover': s:hover, 'down': s:down, 'status': job_status(s:job), 'exit': job_info(s:job).exitval})], 'lsp.json')
qa!
"#;

#[test]
fn vim_lsp_channel_talks_to_the_server() {
    let Some(vim) = vim() else {
        println!("skipped: vim is not installed (apt-get install vim)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let draft = DRAFT.replace("Thank you for the tour", "Thank you \u{1f64f} for the tour");
    std::fs::write(dir.path().join("emoji.md"), &draft).unwrap();
    std::fs::write(dir.path().join("lsp.vim"), LSP_SCRIPT).unwrap();
    // UTF-16 columns: the emoji counts two, `é` and `ô` one each.
    let line = draft.lines().nth(8).unwrap();
    let bangs = line[..line.find("!!").unwrap()].encode_utf16().count() as u64;
    let status = Command::new(vim)
        .args([
            "-N", "-u", "NONE", "-i", "NONE", "-n", "-es", "-S", "lsp.vim",
        ])
        .env("FOLLOWUP_BIN", env!("CARGO_BIN_EXE_followup"))
        // Inside the `!!`, in UTF-16 units.
        .env("HOVER_CHARACTER", (bangs + 1).to_string())
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "vim failed: {status}");
    let result: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("lsp.json")).unwrap())
            .unwrap();

    assert_eq!(result["init"]["result"]["serverInfo"]["name"], "followup");
    let published: Vec<&Value> = result["msgs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .collect();
    let diagnostics = published[0]["params"]["diagnostics"].as_array().unwrap();
    let got: Vec<(&str, u64, u64)> = diagnostics
        .iter()
        .map(|d| {
            let start = &d["range"]["start"];
            (
                d["code"].as_str().unwrap(),
                start["line"].as_u64().unwrap(),
                start["character"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            ("first-name-salutation", 6, 0),
            ("informal-language", 8, 10),
            ("informal-language", 8, bangs)
        ]
    );
    // ... which is not the character count.
    assert_eq!(
        bangs,
        line[..line.find("!!").unwrap()].chars().count() as u64 + 1
    );
    let hover = result["hover"]["result"]["contents"]["value"]
        .as_str()
        .unwrap();
    assert!(hover.contains("informal-language"), "{hover}");
    assert_eq!(result["down"]["result"], Value::Null);
    assert_eq!(result["status"], "dead");
    assert_eq!(result["exit"], 0);
}

/// Emacs' `M-x compile` with the command from docs/editors.md: visiting each
/// error (`compile-goto-error`, as `next-error` does) lands on the flagged text.
const EMACS_SCRIPT: &str = r#"
(prefer-coding-system 'utf-8)
(require 'compile)
(require 'json)
(let ((buf (compile "followup lint --format line thank-you.md")))
  (while (get-buffer-process buf) (accept-process-output nil 0.05))
  (with-current-buffer buf
    (goto-char (point-min))
    (let (results)
      (condition-case nil
          (while t
            (compilation-next-error 1)
            (let ((message (buffer-substring-no-properties (line-beginning-position) (line-end-position))))
              (save-excursion
                (save-window-excursion
                  (compile-goto-error)
                  (push (list (cons 'file (buffer-file-name))
                              (cons 'line (line-number-at-pos))
                              (cons 'at (buffer-substring-no-properties (point) (min (point-max) (+ (point) 4))))
                              (cons 'message message))
                        results)))))
        (error nil))
      (with-temp-file "compile.json" (insert (json-encode (nreverse results)))))))
"#;

#[test]
fn emacs_compile_visits_each_diagnostic() {
    let Some(emacs) = which("emacs") else {
        println!("skipped: emacs is not installed (apt-get install emacs-nox)");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let draft = dir.path().join("thank-you.md");
    std::fs::write(&draft, DRAFT).unwrap();
    std::fs::write(dir.path().join("compile.el"), EMACS_SCRIPT).unwrap();
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_followup")).parent().unwrap();
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let status = Command::new(emacs)
        .args(["--batch", "-Q", "-l", "compile.el"])
        .env("PATH", path)
        .env("HOME", dir.path())
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "emacs failed: {status}");
    let visits: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("compile.json")).unwrap())
            .unwrap();
    let visits = visits.as_array().unwrap();
    let file = draft.canonicalize().unwrap();
    let got: Vec<(u64, &str)> = visits
        .iter()
        .map(|v| {
            assert_eq!(
                PathBuf::from(v["file"].as_str().unwrap())
                    .canonicalize()
                    .unwrap(),
                file
            );
            (v["line"].as_u64().unwrap(), v["at"].as_str().unwrap())
        })
        .collect();
    // Past `café` and `rôle`, the visit lands on `!!`.
    assert_eq!(got, [(7, "Dear"), (9, "!! I")], "{visits:#?}");
    assert!(
        visits[1]["message"]
            .as_str()
            .unwrap()
            .contains("warning[informal-language]")
    );
}
