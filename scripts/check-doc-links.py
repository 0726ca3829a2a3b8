#!/usr/bin/env python3
"""Checks that every relative link in README.md, docs/guide/*.md and core/*/README.md
points to an existing file. Prints each broken link as file:line: target; exits 1 if any."""
import glob, os, re, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
os.chdir(root)
files = ['README.md'] + sorted(glob.glob('docs/guide/*.md')) + sorted(glob.glob('core/*/README.md'))
link = re.compile(r'!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)')
broken = checked = 0
for f in files:
    in_code = False
    for n, line in enumerate(open(f, encoding='utf-8'), 1):
        if line.lstrip().startswith('```'):
            in_code = not in_code
            continue
        if in_code:
            continue
        for target in link.findall(line):
            if re.match(r'^[a-z][a-z0-9+.-]*:', target) or target.startswith('#'):
                continue   # URLs, mailto:, in-page anchors
            path = target.split('#', 1)[0]
            checked += 1
            if not os.path.exists(os.path.normpath(os.path.join(os.path.dirname(f), path))):
                print(f'{f}:{n}: {target}')
                broken += 1
print(f'{len(files)} files, {checked} relative links checked, {broken} broken')
sys.exit(1 if broken else 0)
