#!/usr/bin/env python3
"""Writes a synthetic handbook for benchmarks: N chapters of about W words.

The book uses every SUMMARY.md feature (prefix and suffix chapters, part
titles, nested chapters, separators) and every Markdown feature the real
guides use (headings, lists, tables, links with anchors, `draft` blocks).
Its book.toml loads in both followup and mdBook 0.5.

    scripts/gen-book.py OUT_DIR [--chapters 300] [--words 800] [--seed 1]
"""

import argparse
import os
import random

WORDS = (
    "interview thank note salutation timing recruiter hiring manager follow reply courteous brief "
    "specific detail team role offer decision week message panel conversation question answer "
    "project schedule candidate position company culture feedback opportunity experience skills "
    "mention remember tomorrow morning afternoon appreciate sincerely regards warmly colleague "
    "introduce office process update status withdraw reject accept salary benefits timeline"
).split()


def sentence(rng, n):
    words = [rng.choice(WORDS) for _ in range(n)]
    words[0] = words[0].capitalize()
    return " ".join(words) + "."


def paragraph(rng, words):
    out, left = [], words
    while left > 0:
        n = min(left, rng.randint(8, 18))
        out.append(sentence(rng, n))
        left -= n
    return " ".join(out)


def chapter(rng, index, total, words):
    parts = [f"# Chapter {index}: {rng.choice(WORDS)} and {rng.choice(WORDS)}\n"]
    written = 0
    section = 0
    since_heading = 0
    while written < words:
        if since_heading >= 180:
            section += 1
            since_heading = 0
            parts.append(f"## Section {section}: {rng.choice(WORDS)} {rng.choice(WORDS)}\n")
        kind = rng.random()
        if kind < 0.1:
            block = "\n".join(f"- {sentence(rng, 6)}" for _ in range(4)) + "\n"
        elif kind < 0.15:
            block = "```draft\nDear Ms. Okafor,\n\n" + paragraph(rng, 30) + "\n\nBest regards,\nTom Reyes\n```\n"
        elif kind < 0.18:
            block = "| Greeting | Verdict |\n| --- | --- |\n| Dear Ms. Okafor, | good |\n| Hey Priya! | too casual |\n"
        else:
            target = rng.randrange(total)
            block = paragraph(rng, 60) + f" See [chapter {target}](chapter-{target:03}.md#section-1).\n"
        parts.append(block)
        n = len(block.split())
        written += n
        since_heading += n
    return "\n".join(parts)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--chapters", type=int, default=300)
    ap.add_argument("--words", type=int, default=800)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    src = os.path.join(args.out, "src")
    os.makedirs(src, exist_ok=True)
    with open(os.path.join(args.out, "book.toml"), "w") as f:
        f.write(
            '[book]\ntitle = "Synthetic handbook"\nauthors = ["Benchmark"]\nlanguage = "en"\nsrc = "src"\n\n'
            '[build]\nbuild-dir = "book"\n\n'
            '[output.html]\nsite-url = "https://example.com/book/"\n\n[output.html.search]\nenable = true\n'
        )
    total = args.chapters
    summary = ["# Summary", "", "[Preface](chapter-000.md)"]
    per_part = 30
    for i in range(1, total - 1):
        if (i - 1) % per_part == 0:
            part = (i - 1) // per_part + 1
            if part > 1 and part % 2 == 1:
                summary += ["", "---"]
            summary += ["", f"# Part {part}", ""]
        # Every fifth chapter is top level; the four after it nest under it.
        indent = "" if (i - 1) % 5 == 0 else "    "
        summary.append(f"{indent}- [Chapter {i}](chapter-{i:03}.md)")
    summary += ["", "---", "", f"[Afterword](chapter-{total - 1:03}.md)"]
    with open(os.path.join(src, "SUMMARY.md"), "w") as f:
        f.write("\n".join(summary) + "\n")
    words_written = 0
    for i in range(total):
        text = chapter(rng, i, total, args.words)
        words_written += len(text.split())
        with open(os.path.join(src, f"chapter-{i:03}.md"), "w") as f:
            f.write(text)
    print(f"wrote {total} chapters, {words_written} words, into {args.out}")


if __name__ == "__main__":
    main()
