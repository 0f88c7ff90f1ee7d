"""Dead code: vulture over the application, configured in pyproject.toml ([tool.vulture]); the tests are not scanned,
so code that only the tests call is reported as well. A name the templates use (`{{ page.extremes }}`,
`{% for item in headline.details %}`) counts as used: vulture reads only Python. Exit status 1 when anything is
reported."""

from __future__ import annotations

import re
import sys
from pathlib import Path

from vulture import Vulture
from vulture.config import make_config

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def template_names() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "templates").rglob("*.html"):
        for tag in re.findall(r"\{[{%](.*?)[%}]\}", path.read_text(encoding="utf-8"), flags=re.S):
            names.update(WORD.findall(tag))
    return names


def main() -> int:
    config = make_config([])
    vulture = Vulture(ignore_names=config["ignore_names"], ignore_decorators=config["ignore_decorators"])
    vulture.scavenge(config["paths"], exclude=config["exclude"])
    used = template_names()
    found = [item for item in vulture.get_unused_code(min_confidence=config["min_confidence"]) if item.name not in used]
    for item in found:
        print(item.get_report())
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
