#!/usr/bin/env python3
"""Generate follow-up drafts for benchmarks.

usage: gen-drafts.py DEST COUNT [--seed N] [--words N]

Writes COUNT drafts of about --words body words each into DEST (created),
mixing kinds, greetings, details and problems so every rule gets work.
Drafts are varied sentence by sentence, so only the few deliberate copies
(every 500th draft repeats an earlier one) are near-duplicates.
"""
import argparse
import os
import random

NAMES = ["Okafor", "Lindqvist", "Moreau", "Tanaka", "Haddad", "Kowalski", "Reyes", "Abara",
         "Novak", "Sato", "Brennan", "Castillo", "Mwangi", "Ivanova", "Dubois", "Mensah"]
GIVEN = ["Ana", "Ravi", "Lena", "Tomas", "Grace", "Jonas", "Mei", "Omar", "Sofia", "Kai"]
TITLES = ["Ms.", "Mr.", "Dr.", "Mx.", "Prof."]
ROLES = ["analyst", "coordinator", "designer", "engineer", "nurse", "teacher", "planner", "buyer"]
THINGS = ["onboarding flow", "scheduling system", "spring audit", "volunteer program", "data pipeline",
          "patient intake", "lab rotation", "warehouse layout", "grant cycle", "curriculum review",
          "billing migration", "community outreach", "reporting dashboard", "safety training"]
VERBS = ["rebuilt", "planned", "streamlined", "measured", "launched", "reviewed", "documented", "expanded"]
ADJ = ["new", "regional", "quarterly", "weekly", "shared", "bilingual", "remote", "evening"]
OPEN = ["Thank you for meeting with me on {day} about the {role} role.",
        "Thanks for the conversation about the {thing} you mentioned on {day}.",
        "I appreciated the time you took on {day} to walk me through the {thing}."]
MIDDLE = ["At my last job I {verb} a {adj} {thing} and cut the time it took by {n} percent.",
          "I enjoyed hearing how your team {verb} the {adj} {thing} last year.",
          "The {adj} {thing} sounds close to the work I {verb} for {n} months at my current employer.",
          "When we discussed the {thing}, I thought about how I {verb} a similar {adj} project.",
          "Your point about the {adj} {thing} stayed with me after I left.",
          "I have {n} years of experience with work like the {thing}, most of it {adj}."]
CLOSE = ["I am very interested in the role and happy to provide references.",
         "I remain excited about the position and would be glad to send work samples.",
         "I look forward to hearing from you, and I can share more detail on the {thing}."]
PROBLEMS = ["Sorry again for spilling my coffee.", "I'm gonna follow up next week!!",
            "Please let me know ASAP.", "I think I'd be a great fit for [Company Name].",
            "You can follow me on Instagram too.", "TODO add a detail here."]
SIGNOFF = ["Best regards,", "Sincerely,", "Kind regards,", "Thank you,", "Best,"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def fill(rng, template):
    return template.format(day=rng.choice(DAYS), role=rng.choice(ROLES), thing=rng.choice(THINGS),
                           verb=rng.choice(VERBS), adj=rng.choice(ADJ), n=rng.randint(2, 40))


def draft(rng, words):
    surname = rng.choice(NAMES)
    greeting = rng.choice([f"Dear {rng.choice(TITLES)} {surname},", f"Hi {rng.choice(GIVEN)},", f"Hey {rng.choice(TITLES)} {surname},"])
    body = [fill(rng, rng.choice(OPEN))]
    while sum(len(s.split()) for s in body) < words - 20:
        body.append(fill(rng, rng.choice(MIDDLE)))
    if rng.random() < 0.3:
        body.insert(rng.randint(1, len(body)), rng.choice(PROBLEMS))
    body.append(fill(rng, rng.choice(CLOSE)))
    paragraphs, cut = [], 0
    while cut < len(body):
        step = rng.randint(2, 4)
        paragraphs.append(" ".join(body[cut:cut + step]))
        cut += step
    return "\n".join([greeting, "", "\n\n".join(paragraphs), "", rng.choice(SIGNOFF), f"{rng.choice(GIVEN)} {rng.choice(NAMES)}", ""])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dest")
    ap.add_argument("count", type=int)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--words", type=int, default=250)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    os.makedirs(args.dest, exist_ok=True)
    made = []
    for i in range(args.count):
        text = made[i - 250] if i >= 250 and i % 500 == 0 else draft(rng, args.words)
        made.append(text)
        with open(os.path.join(args.dest, f"draft-{i:05d}.md"), "w", encoding="utf-8") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
