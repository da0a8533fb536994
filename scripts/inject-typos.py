#!/usr/bin/env python3
"""Recall of the proofreading rules on injected typos.

Copies drafts from tests/labelled, injects one typo per copy into a body
line (a one-letter slip, a common misspelling, a doubled word or one of the
confusions the spec lists), lints the copies and reports, per rule, how
many injected typos were found at their line, and how many of its
diagnostics stand on a line nothing was injected into (false flags; the
typos a draft had before the injection are not counted).

    scripts/inject-typos.py [--bin target/debug/followup] [--limit N] [--seed S]
"""
import argparse, json, os, random, re, subprocess, sys, tempfile, pathlib

COMMON = {"receive": "recieve", "separate": "seperate", "definitely": "definately",
          "until": "untill", "which": "wich", "their": "thier", "because": "becuase",
          "believe": "beleive", "tomorrow": "tommorow", "address": "adress",
          "opportunity": "oppurtunity", "successful": "sucessful", "experience": "experiance",
          "interested": "intrested", "knowledge": "knowlege", "environment": "enviroment",
          "management": "managment", "responsibility": "responsibilty", "possible": "posible",
          "recommend": "recomend", "truly": "truely", "really": "realy", "position": "postion",
          "team": "taem", "interview": "inteview", "discussed": "dicussed", "forward": "foward"}
CONFUSIONS = [("your team", "you're team"), ("more than", "more then"),
              ("rather than", "rather then"), ("their team", "there team"),
              ("its goals", "it's goals"), ("to lose", "to loose")]
CONFUSED_SENTENCES = ["Please thank you're team for me.", "It was more then I hoped.",
                      "I admire the company and it's goals.", "Please thank there team too.",
                      "I would hate to loose touch."]
# Pairs English allows (rules/repeated-word.yaml `allowed`): not typos.
ALLOWED_TWICE = {"had", "that", "is", "do", "bye", "so", "very", "really", "no", "ha", "knock",
                 "now", "yes", "well", "many", "far", "blah", "tut", "chop", "boo"}
KEYS = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]

def words_list():
    out = set()
    for lang in ("en_US", "en_GB"):
        d = f"/usr/share/hunspell/{lang}"
        if os.path.exists(d + ".dic"):
            r = subprocess.run(["unmunch", d + ".dic", d + ".aff"], capture_output=True)
            out.update(w.lower() for w in r.stdout.decode("utf-8", "replace").split())
    return out

def slip(word, rng, known):
    for _ in range(20):
        i = rng.randrange(1, len(word) - 1)
        kind = rng.choice(["drop", "swap", "double", "near"])
        if kind == "drop":
            w = word[:i] + word[i + 1:]
        elif kind == "swap":
            w = word[:i] + word[i + 1] + word[i] + word[i + 2:]
        elif kind == "double":
            w = word[:i] + word[i] + word[i:]
        else:
            c = word[i]
            row = next((r for r in KEYS if c in r), None)
            if not row:
                continue
            j = row.index(c)
            w = word[:i] + row[max(0, j - 1) if j else 1] + word[i + 1:]
        if w != word and w.lower() not in known:
            return w
    return None

def body_lines(lines):
    start = 0
    if lines and lines[0].strip() == "---":
        start = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), 0) + 1
    cand = [i for i in range(start, len(lines)) if len(lines[i].split()) >= 8
            and not re.match(r"^\s*(>|```|[A-Za-z-]+:\s)", lines[i])]
    return cand[1:-1] if len(cand) > 2 else cand

def inject(text, kind, rng, known):
    lines = text.split("\n")
    cand = body_lines(lines)
    if not cand:
        return None
    if kind == "confused-word":
        for a, b in rng.sample(CONFUSIONS, len(CONFUSIONS)):
            hits = [i for i in cand if a in lines[i]]
            if hits:
                i = rng.choice(hits)
                lines[i] = lines[i].replace(a, b, 1)
                return "\n".join(lines), i + 1
        i = rng.choice(cand)
        lines[i] = lines[i].rstrip() + " " + rng.choice(CONFUSED_SENTENCES)
        return "\n".join(lines), i + 1
    i = rng.choice(cand)
    toks = lines[i].split(" ")
    idx = [k for k, t in enumerate(toks) if re.fullmatch(r"[a-z]{4,}", t)]
    if not idx:
        return None
    k = rng.choice(idx)
    if kind == "repeated-word":
        idx = [k2 for k2 in idx if toks[k2] not in ALLOWED_TWICE]
        if not idx:
            return None
        k = rng.choice(idx)
        toks[k] = toks[k] + " " + toks[k]
    else:
        common = [k2 for k2 in idx if toks[k2] in COMMON]
        if common and rng.random() < 0.5:
            k = rng.choice(common)
            toks[k] = COMMON[toks[k]]
        else:
            w = slip(toks[k], rng, known)
            if not w:
                return None
            toks[k] = w
    lines[i] = " ".join(toks)
    return "\n".join(lines), i + 1

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/debug/followup")
    ap.add_argument("--drafts", default="tests/labelled")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("-v", action="store_true", help="list the misses")
    ap.add_argument("--keep", help="write the injected drafts to this folder and keep them")
    args = ap.parse_args()
    rng = random.Random(args.seed)
    known = words_list()
    drafts = sorted(p for p in pathlib.Path(args.drafts).glob("*.md"))
    if args.limit:
        drafts = drafts[: args.limit]
    expected = {}
    with tempfile.TemporaryDirectory() as tmp:
        out = args.keep or tmp
        os.makedirs(out, exist_ok=True)
        for p in drafts:
            text = p.read_text()
            for kind in ("misspelling", "repeated-word", "confused-word"):
                got = inject(text, kind, rng, known)
                if not got:
                    continue
                name = f"{p.stem}--{kind}.md"
                pathlib.Path(out, name).write_text(got[0])
                expected[name] = (kind, got[1])
        r = subprocess.run([args.bin, "lint", "--format", "json", "--today", "2026-11-21", out],
                           capture_output=True, text=True)
        report = json.loads(r.stdout)
        # What the drafts report before anything is injected (typos of their own).
        r = subprocess.run([args.bin, "lint", "--format", "json", "--today", "2026-11-21"]
                           + [str(p) for p in drafts], capture_output=True, text=True)
        before = {}
        for f in json.loads(r.stdout)["files"]:
            before[pathlib.Path(f["path"]).stem] = {
                (d["rule"], d["message"]) for d in f["diagnostics"]}
    rules = ("misspelling", "repeated-word", "confused-word")
    found = {k: [0, 0] for k in rules}
    false_flags = {k: 0 for k in rules}
    for f in report["files"]:
        name = os.path.basename(f["path"])
        kind, line = expected[name]
        found[kind][1] += 1
        hit = any(d["rule"] == kind and d["line"] == line for d in f["diagnostics"])
        found[kind][0] += hit
        if not hit and args.v:
            print("missed", name, line)
        own = before.get(name.split("--")[0], set())
        for d in f["diagnostics"]:
            if (d["rule"], d["message"]) in own:
                continue
            if d["rule"] in rules and not (d["rule"] == kind and d["line"] == line):
                false_flags[d["rule"]] += 1
                if args.v:
                    print("false flag", name, d["line"], d["rule"], d["message"])
    for kind, (hit, total) in found.items():
        print(f"{kind}: {hit}/{total} recall {hit / max(total, 1):.2f}, "
              f"{false_flags[kind]} diagnostics on lines nothing was injected into")

if __name__ == "__main__":
    main()
