#!/usr/bin/env python3
"""Print the requirements of pyproject.toml, one per line.

Usage: pyproject-deps.py [PYPROJECT] [EXTRA ...]

Prints the project's dependencies and those of the extras named, so that
the virtualenv can get them without building the module itself.
"""
import sys

try:
    import tomllib
except ImportError:  # Python < 3.11
    import tomli as tomllib


def main(argv):
    path = argv[1] if len(argv) > 1 else 'pyproject.toml'
    extras = argv[2:]
    with open(path, 'rb') as fp:
        project = tomllib.load(fp)['project']
    requirements = list(project.get('dependencies', []))
    optional = project.get('optional-dependencies', {})
    for extra in extras:
        if extra not in optional:
            sys.exit(f"unknown extra: {extra}")
        requirements.extend(optional[extra])
    seen = set()
    for requirement in requirements:
        if requirement not in seen:
            seen.add(requirement)
            print(requirement)


if __name__ == '__main__':
    main(sys.argv)
