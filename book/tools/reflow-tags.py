#!/usr/bin/env python3
"""Re-wraps the comments inside the tagged regions the book includes so that every listing line
fits the book's 80 columns (SourceCheck fails the build otherwise).

    book/tools/reflow-tags.py FILE.java TAG...

Only comment paragraphs (runs of // lines, or of Javadoc * lines) that hold a line that is too
wide are re-wrapped, to the same indentation; code is never touched. A code line that is still
too wide is printed, to be broken by hand.
"""
import re
import sys
import textwrap

COLUMNS = 80


def regions(lines, tags):
    """Yields (start, end) line ranges of the named tags' bodies."""
    for tag in tags:
        start = next(i for i, l in enumerate(lines) if f"tag::{tag}[]" in l)
        end = next(i for i, l in enumerate(lines) if f"end::{tag}[]" in l)
        yield tag, start + 1, end


def common_indent(lines):
    return min(len(l) - len(l.lstrip()) for l in lines if l.strip())


COMMENT = re.compile(r"^(\s*)(//|\*(?!/)|/\*\*)(\s?)(.*)$")


def reflow(lines, start, end, limit):
    out = []
    i = start
    while i < end:
        m = COMMENT.match(lines[i])
        if not m or m.group(2) == "/**" or lines[i].strip() in ("*", "*/"):
            out.append(lines[i])
            i += 1
            continue
        indent, mark = m.group(1), m.group(2)
        j = i
        words = []
        while j < end:
            n = COMMENT.match(lines[j])
            if not n or n.group(1) != indent or n.group(2) != mark or not n.group(4).strip() \
                    or (j > i and n.group(4).lstrip().startswith(("<p>", "<ul>", "<li>", "-", "1.", "2.", "3."))):
                break
            words.append(n.group(4))
            j += 1
        para = lines[i:j]
        if all(len(l) <= limit for l in para):
            out.extend(para)
        else:
            prefix = f"{indent}{mark} "
            out.extend(textwrap.wrap(" ".join(words), width=limit, initial_indent=prefix,
                                     subsequent_indent=prefix, break_long_words=False,
                                     break_on_hyphens=False))
        i = j
    return out


def main(path, tags):
    lines = open(path).read().split("\n")
    for tag, start, end in sorted(regions(lines, tags), key=lambda r: -r[1]):
        limit = common_indent(lines[start:end]) + COLUMNS
        body = reflow(lines, start, end, limit)
        lines[start:end] = body
        for l in body:
            if len(l) > limit:
                print(f"{path}: {tag}: still too wide: {l.strip()}")
    open(path, "w").write("\n".join(lines))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
