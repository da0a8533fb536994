//! `followup build` and the "Check your draft" page: the page, its module
//! script and its sidebar entry appear when the engine module exists, and
//! the build says how to build the module when it does not.

mod book_support;

use book_support::{fixture, followup};

/// The smallest valid WebAssembly module: magic and version.
const EMPTY_MODULE: &[u8] = b"\0asm\x01\0\0\0";

#[test]
fn the_page_is_built_with_the_module() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let module = tmp.path().join("engine.wasm");
    std::fs::write(&module, EMPTY_MODULE).expect("write module");
    let dest = tmp.path().join("site");
    let out = followup()
        .arg("build")
        .arg(fixture())
        .arg("--dest")
        .arg(&dest)
        .env("FOLLOWUP_CHECK_MODULE", &module)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("left out"), "{stderr}");
    let page = std::fs::read_to_string(dest.join("check.html")).expect("check.html");
    assert!(page.contains("Nothing leaves your machine"), "{page}");
    assert!(
        page.contains("<option value=\"rejection-reply\">"),
        "{page}"
    );
    assert!(page.contains("src=\"followup-check.js\""), "{page}");
    let script = std::fs::read_to_string(dest.join("followup-check.js")).expect("module script");
    assert!(
        script.contains("window.FOLLOWUP_CHECK_MODULE = \"AGFzbQEAAAA=\""),
        "{script}"
    );
    let toc = std::fs::read_to_string(dest.join("toc.js")).expect("toc.js");
    assert!(toc.contains("check.html"), "no sidebar entry");
    assert!(dest.join("js/check.js").is_file() && dest.join("css/check.css").is_file());
}

#[test]
fn without_the_module_the_build_says_how_to_build_it() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dest = tmp.path().join("site");
    let out = followup()
        .arg("build")
        .arg(fixture())
        .arg("--dest")
        .arg(&dest)
        .env_remove("FOLLOWUP_CHECK_MODULE")
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("note:") && stderr.contains("scripts/build-wasm.sh"),
        "{stderr}"
    );
    assert!(!dest.join("check.html").exists());
    let toc = std::fs::read_to_string(dest.join("toc.js")).expect("toc.js");
    assert!(
        !toc.contains("check.html"),
        "a sidebar entry without the page"
    );
}

#[test]
fn a_named_module_that_is_not_there_is_an_error() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let out = followup()
        .arg("build")
        .arg(fixture())
        .arg("--dest")
        .arg(tmp.path().join("site"))
        .env("FOLLOWUP_CHECK_MODULE", tmp.path().join("missing.wasm"))
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("missing.wasm") && stderr.contains("FOLLOWUP_CHECK_MODULE"),
        "{stderr}"
    );
}
