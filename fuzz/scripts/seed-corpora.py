#!/usr/bin/env python3
"""Writes the seed corpora (fuzz/corpus/<target>/seed-*) from the project's
own examples, rule files and test fixtures. Run from anywhere; it rewrites
every seed file and leaves what fuzzing added alone."""

import json
import pathlib
import re

FUZZ = pathlib.Path(__file__).resolve().parent.parent
ROOT = FUZZ.parent
CORPUS = FUZZ / "corpus"

# A few of the project's labelled drafts, one per kind and shape.
LABELLED = [
    "nc-023-template-checkin-parens.md",
    "na-047-line-cook-no-greeting-no-signoff.md",
    "nb-053-branch-ops-other-offer-oneline.md",
    "nf-057-linkedin-career-fair-recruiter.md",
    "nf-015-hygienist-late.md",
    "nd-055-loyalty-app-emoji.md",
]


def write(target, name, data):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    (folder / f"seed-{name}").write_bytes(data)


def clear():
    for path in CORPUS.glob("*/seed-*"):
        path.unlink()


def drafts():
    """(name, bytes) of every seed draft."""
    out = []
    for path in sorted((ROOT / "examples").glob("*.md")):
        out.append((path.name, path.read_bytes()))
    for path in sorted((ROOT / "tests/fixtures/drafts").iterdir()):
        out.append((path.name, path.read_bytes()))
    for name in LABELLED:
        path = ROOT / "tests/labelled" / name
        if path.exists():
            out.append((name, path.read_bytes()))
    return out


def split_front_matter(text):
    match = re.match(r"---\n(.*?)---\n(.*)", text, re.S)
    if not match:
        return None, text
    return match.group(1), match.group(2)


def lint():
    for name, data in drafts():
        write("lint", name, data)
    # CRLF line ends, a BOM, and many diagnostics on one line.
    text = (ROOT / "tests/fixtures/drafts/problems.md").read_text()
    write("lint", "problems-crlf.md", text.replace("\n", "\r\n"))
    write("lint", "bom.md", "\ufeff" + text)
    write("lint", "many-on-one-line.md",
          "Dear Ms. Kaur,\n\nThank you. " + "[x]( " * 300 + "\n\nBest regards,\nAna Lima\n")
    write("lint", "controls.md", "Dear Ms. Lee,\x1b[2J\n\nThank you\u202e for it.\n\nBest,\nAl\n")


CONFIGS = {
    "empty": "",
    "early-days": "[settings.early-check-in]\ndays = 7\n",
    "early-days-max": "[settings.early-check-in]\ndays = 3650\n",
    "early-days-huge": "[settings.early-check-in]\ndays = 7304485\n",
    "late-hours": "[settings.late-thank-you]\nhours = 48\n",
    "lengths": "[settings.too-long]\nthank-you = 50\ncheck-in = 0\nlinkedin = 300\n",
    "similarity": "[settings.duplicate-message]\nthreshold = 0.5\n",
    "levels": "deny = \"warning\"\nhandbook-url = \"https://example.com/book\"\n\n[rules]\nmissing-offer = \"off\"\ninformal-language = \"error\"\ntoo-long = \"suggestion\"\n",
}


def config_front_matter():
    fronts = []
    for name, data in drafts():
        if not name.endswith(".md"):
            continue
        front, body = split_front_matter(data.decode())
        if front is None:
            continue
        # The kind is given by the target, once for each kind.
        front = "".join(l for l in front.splitlines(True) if not l.startswith("kind:"))
        fronts.append((name, front, body))
    configs = list(CONFIGS.items())
    for i, (name, front, body) in enumerate(fronts):
        cname, config = configs[i % len(configs)]
        write("config_front_matter", f"{cname}-{name}", f"{config}\n%%\n{front}\n%%\n{body}")
    for cname, config in configs:
        front = "interviewed: 2026-11-02T10:00\ntimeline: 2 weeks\nthanked: 2026-11-03\ndate: 2026-11-20T09:00\nto: Mr. Ravi Menon\nmedium: email\ntopics:\n  - data pipelines\n"
        write("config_front_matter", f"{cname}.txt", f"{config}\n%%\n{front}")


GENERIC = {"phrases", "required", "length"}


def rule_file():
    for path in sorted((ROOT / "rules").glob("*.yaml")):
        text = path.read_text()
        kind = re.search(r"^  type: (\S+)", text, re.M).group(1)
        if kind in GENERIC:
            # Under an id of its own, as a user rule beside the built-in one.
            text = re.sub(r"^id: (\S+)", r"id: my-\1", text, count=1, flags=re.M)
        write("rule_file", path.name, text)
    write("rule_file", "minimal.yaml", (
        "id: no-umm\nlevel: warning\nsummary: Filler words.\nmessage: \"drop `{match}`\"\n"
        "help: say it plainly\nrationale: Filler reads as unsure.\n"
        "check:\n  type: phrases\n  patterns:\n    - 'umm+'\n    - '/\\bso+ yeah\\b/'\n"
        "fix:\n  title: remove it\n  replace: ''\n"
        "examples:\n  bad:\n    - \"Dear Ms. Lee,\\n\\nUmm thank you.\\n\\nBest,\\nAl\\n\"\n"
        "  good:\n    - \"Dear Ms. Lee,\\n\\nThank you.\\n\\nBest,\\nAl\\n\"\n"))


def mail():
    for path in sorted((ROOT / "tests/fixtures/drafts").glob("*.eml")):
        write("mail", path.name, path.read_bytes())
    clean = (ROOT / "tests/fixtures/drafts/clean.md").read_text()
    _, body = split_front_matter(clean)
    write("mail", "plain.eml", "From: Al Ng <al@example.com>\nTo: Ms. Lee <lee@example.com>\nSubject: Thank you\n\n" + body)
    write("mail", "qp-crlf.eml", ("From: Al <al@example.com>\r\nTo: lee@example.com\r\nSubject: =?utf-8?B?VGhhbmsgeW91?=\r\n"
                                 "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n"
                                 "Content-Transfer-Encoding: quoted-printable\r\n\r\nDear Ms. Lee,\r\n\r\nThank you =\r\nfor the caf=C3=A9 tour.\r\n\r\nBest,\r\nAl\r\n"))
    write("mail", "nested.eml", ("MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"o\"\n\n--o\n"
                                "Content-Type: multipart/alternative; boundary=\"i\"\n\n--i\nContent-Type: text/html\n\n<p>Hi</p>\n"
                                "--i\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\nRGVhciBNcy4gTGVlLAoKVGhhbmtzIQo=\n--i--\n--o--\n"))
    write("mail", "not-mail.txt", clean)


def lsp():
    text = (ROOT / "tests/fixtures/drafts/problems.md").read_text()
    uri = "file:///tmp/followup-fuzz/draft.md"

    def note(method, params):
        return json.dumps({"jsonrpc": "2.0", "method": method, "params": params})

    def req(i, method, params):
        return json.dumps({"jsonrpc": "2.0", "id": i, "method": method, "params": params})

    doc = {"uri": uri}
    pos = {"line": 11, "character": 1}
    rng = {"start": {"line": 11, "character": 0}, "end": {"line": 11, "character": 3}}
    session = [
        note("textDocument/didOpen", {"textDocument": {**doc, "languageId": "markdown", "version": 1, "text": text}}),
        req(1, "textDocument/hover", {"textDocument": doc, "position": pos}),
        req(2, "textDocument/codeAction", {"textDocument": doc, "range": rng, "context": {"diagnostics": []}}),
        note("textDocument/didChange", {"textDocument": {**doc, "version": 2}, "contentChanges": [{"range": rng, "text": "Dear"}]}),
        req(3, "textDocument/codeAction", {"textDocument": doc, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 30, "character": 0}}, "context": {"diagnostics": [], "only": ["source.fixAll"]}}),
        note("textDocument/didChange", {"textDocument": {**doc, "version": 3}, "contentChanges": [{"text": "Hey 😀 [Name],\r\n\r\nThx!!\r\n"}]}),
        note("textDocument/didSave", {"textDocument": {"uri": "file:///tmp/followup-fuzz/followup.toml"}}),
        note("textDocument/didClose", {"textDocument": doc}),
        req(4, "shutdown", None),
        note("exit", None),
    ]
    write("lsp", "session.txt", b"\x01" + "\n%%\n".join(session).encode())
    write("lsp", "mail-draft.txt", b"\x01" + note("textDocument/didOpen", {"textDocument": {"uri": "file:///tmp/m.eml", "languageId": "mail", "version": 1, "text": "From: a@b\nTo: c@d\nSubject: Thx\n\nHey,\n\nThanks!!\n"}}).encode())
    framed = b""
    init = req(0, "initialize", {"processId": None, "rootUri": None, "capabilities": {}})
    for body in [init, note("initialized", {})] + session:
        data = body.encode()
        framed += b"Content-Length: %d\r\n\r\n" % len(data) + data
    write("lsp", "raw-session.bin", b"\x00" + framed)
    write("lsp", "raw-garbage.bin", b"\x00" + b"Content-Length: 5\r\n\r\n{oops" + b"\r\n\r\nX-Junk\r\n\r\n"
          + b"Content-Length: 99999999999\r\n\r\n" + b"Content-Length: 2\r\ncontent-type: x\r\n\r\n{}")


if __name__ == "__main__":
    clear()
    lint()
    config_front_matter()
    rule_file()
    mail()
    lsp()
    total = sum(p.stat().st_size for p in CORPUS.glob("*/seed-*"))
    count = len(list(CORPUS.glob("*/seed-*")))
    print(f"{count} seed files, {total // 1024} KiB")
