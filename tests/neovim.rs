//! Neovim, headless, with the Neovim 0.7 recipe from docs/editors.md as its
//! `init.lua`: opening a Markdown draft and a mail draft starts
//! `followup lsp`, attaches both buffers, and the diagnostics arrive at the
//! right lines and (byte) columns past accented letters.

// A test that cannot run here says why on stdout.
#![allow(clippy::print_stdout)]

mod editor_support;
use editor_support::{DRAFT, recipe, which};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const MAIL: &str = "To: Dr. Rachel Vilsack <rv@example.com>
Subject: Thank you

Dear [Name],

Thank you for meeting with me today about the data platform role. I enjoyed hearing about the billing pipeline migration.

I am very interested in the role and would be glad to join your team. I am happy to provide references or work samples.

Best regards,
Ana Reyes
";

/// Opens each file named in FOLLOWUP_FILES, waits for its diagnostics, and
/// writes what the buffer holds to result.json.
const CHECK: &str = r#"
local results = {}
for file in string.gmatch(os.getenv('FOLLOWUP_FILES'), '[^,]+') do
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local arrived = vim.wait(30000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  local diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code
    if code == nil and d.user_data and d.user_data.lsp then code = d.user_data.lsp.code end
    table.insert(diagnostics, { lnum = d.lnum, col = d.col, code = code, source = d.source, severity = d.severity, message = d.message })
  end
  table.sort(diagnostics, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
  local clients = {}
  for _, c in pairs(vim.lsp.buf_get_clients(buf)) do table.insert(clients, c.name) end
  table.insert(results, { file = file, filetype = vim.bo[buf].filetype, arrived = arrived, clients = clients, diagnostics = diagnostics })
end
vim.fn.writefile({ vim.fn.json_encode({ version = vim.version(), results = results, clients = #vim.lsp.get_active_clients() }) }, 'result.json')
vim.cmd('qa!')
"#;

#[test]
fn neovim_07_recipe_gets_diagnostics_from_the_server() {
    let Some(nvim) = which("nvim") else {
        println!("skipped: nvim is not installed (apt-get install neovim)");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let home = dir.path().join("home");
    let work = dir.path().join("drafts");
    std::fs::create_dir_all(&home).expect("home");
    std::fs::create_dir_all(&work).expect("drafts");
    std::fs::write(work.join("thank-you.md"), DRAFT).expect("write");
    std::fs::write(work.join("vilsack.eml"), MAIL).expect("write");
    std::fs::write(dir.path().join("init.lua"), recipe("nvim-0.7")).expect("write");
    std::fs::write(dir.path().join("check.lua"), CHECK).expect("write");

    // The recipe calls `followup` from PATH.
    let bin_dir = Path::new(env!("CARGO_BIN_EXE_followup"))
        .parent()
        .expect("binary folder");
    let path = std::env::join_paths(std::iter::once(bin_dir.to_path_buf()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .expect("PATH");
    let mut child = Command::new(nvim)
        .arg("--headless")
        .arg("-u")
        .arg(dir.path().join("init.lua"))
        .args(["-i", "NONE", "-n", "-c"])
        .arg(format!(
            "luafile {}",
            dir.path().join("check.lua").display()
        ))
        .env("PATH", path)
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_DATA_HOME", home.join(".local/share"))
        .env("XDG_STATE_HOME", home.join(".local/state"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("FOLLOWUP_FILES", "thank-you.md,vilsack.eml")
        .current_dir(&work)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start nvim");
    let deadline = Instant::now() + Duration::from_secs(120);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for nvim") {
            break status;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("nvim did not finish within 120 s");
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    assert!(status.success(), "nvim failed: {status}");
    let result: Value = serde_json::from_str(
        &std::fs::read_to_string(work.join("result.json")).expect("nvim wrote result.json"),
    )
    .expect("JSON");
    assert_eq!(result["version"]["major"], 0, "{}", result["version"]);
    println!("Neovim {}", result["version"]);

    let results = result["results"].as_array().expect("results");
    assert_eq!(results.len(), 2, "{result:#}");
    let markdown = &results[0];
    assert_eq!(markdown["filetype"], "markdown", "{markdown:#}");
    assert_eq!(markdown["arrived"], true, "no diagnostics: {markdown:#}");
    assert_eq!(markdown["clients"], serde_json::json!(["followup"]));
    let got: Vec<(u64, u64, &str)> = markdown["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            assert_eq!(d["source"], "followup", "{d}");
            (
                d["lnum"].as_u64().expect("lnum"),
                d["col"].as_u64().expect("col"),
                d["code"].as_str().unwrap_or_default(),
            )
        })
        .collect();
    // Neovim columns are bytes: `é` and `ô` are two each before the `!!`.
    let line9 = DRAFT.lines().nth(8).expect("line 9");
    let bangs = line9.find("!!").expect("!!") as u64;
    assert_eq!(
        got,
        [
            (6, 0, "first-name-salutation"),
            (8, bangs, "informal-language"),
        ],
        "{markdown:#}"
    );
    assert_ne!(
        bangs,
        line9[..line9.find("!!").expect("!!")].chars().count() as u64
    );

    // The mail draft shares the one server and is read as mail.
    let mail = &results[1];
    assert_eq!(mail["filetype"], "mail", "{mail:#}");
    assert_eq!(mail["arrived"], true, "no diagnostics: {mail:#}");
    assert_eq!(mail["clients"], serde_json::json!(["followup"]));
    let placeholder = mail["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == "leftover-placeholder")
        .unwrap_or_else(|| panic!("{mail:#}"));
    assert_eq!(
        (
            placeholder["lnum"].as_u64(),
            placeholder["severity"].as_u64()
        ),
        (Some(3), Some(1)),
        "an error on `Dear [Name],`: {placeholder}"
    );
    assert_eq!(result["clients"], 1, "one server for both drafts");
}
