#!/usr/bin/env python3
"""Adds the book's include tags around whole methods of the runtime (idempotent).

Usage: book/tools/add-tags.py [ROOT]   (ROOT: the gort checkout, default: this file's ../..)

Each entry names a file under runtime/src/main/java/dev/gort/runtime, a tag, and a regular
expression matching the method's signature line. The tag lines go above the method's Javadoc
(// tag::NAME[]) and below its closing brace (// end::NAME[]). Only comment lines are added, and
only around whole methods that are not student parts (no SOLUTION region inside): the script
refuses to tag a method whose body holds one.
"""
import os, re, sys

TAGS = [
    ("sched/Schedule.java", "schedule", r"public static void schedule\(M mp\)"),
    ("sched/Schedule.java", "execute", r"public static void execute\(M mp, G gp, boolean inheritTime\)"),
    ("sched/Schedule.java", "globrunqget", r"static G globrunqget\(P pp, int max\)"),
    ("sched/Threads.java", "stopm", r"static void stopm\(M mp\)"),
    ("sched/Threads.java", "mPark", r"static void mPark\(M mp\)"),
    ("sched/Threads.java", "handoffp", r"public static void handoffp\(P pp\)"),
    ("sched/Threads.java", "wakep", r"public static void wakep\(Gort rt\)"),
    ("sched/Proc.java", "newproc", r"static void newproc\(M mp, Runnable fn\)"),
    ("sched/Sysmon.java", "retake", r"static int retake\(Gort rt, long now\)"),
    ("lock/Sema.java", "semacquire", r"public static void semacquire\(Sema s\)"),
    ("lock/Sema.java", "semrelease", r"public static void semrelease\(Sema s\)"),
]

def tag(path, name, sig):
    with open(path) as f:
        lines = f.read().split("\n")
    if any(l.strip() == "// tag::%s[]" % name for l in lines):
        return "kept"
    idx = [i for i, l in enumerate(lines) if re.search(sig, l)]
    if len(idx) != 1:
        sys.exit("%s: %d lines match %r" % (path, len(idx), sig))
    s = idx[0]
    indent = lines[s][: len(lines[s]) - len(lines[s].lstrip())]
    start = s
    while start > 0 and (lines[start - 1].strip().startswith(("*", "/**", "@")) ):
        start -= 1
    depth, end, opened = 0, None, False
    for i in range(s, len(lines)):
        code = re.sub(r'"(\\.|[^"\\])*"', '""', lines[i].split("//")[0])
        depth += code.count("{") - code.count("}")
        opened = opened or "{" in code
        if opened and depth == 0:
            end = i
            break
    if end is None:
        sys.exit("%s: no end for %s" % (path, name))
    if any("SOLUTION" in l for l in lines[s:end + 1]):
        sys.exit("%s: %s holds a SOLUTION region: never show it in the book" % (path, name))
    lines.insert(end + 1, indent + "// end::%s[]" % name)
    lines.insert(start, indent + "// tag::%s[]" % name)
    with open(path, "w") as f:
        f.write("\n".join(lines))
    return "added"

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
base = os.path.join(root, "runtime/src/main/java/dev/gort/runtime")
for rel, name, sig in TAGS:
    print("%-22s %-12s %s" % (rel, name, tag(os.path.join(base, rel), name, sig)))
