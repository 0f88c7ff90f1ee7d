import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

SEEDS = Path(__file__).resolve().parents[2] / "data" / "seeds"


def seed(prefix: str) -> Path:
    return next(SEEDS.glob(f"{prefix}_*.txt"))


def run_import(*args: str) -> tuple[list[dict], int]:
    """Run `import_disclosures --json` as a user would; return its records and its exit status."""
    out = StringIO()
    try:
        call_command("import_disclosures", *args, "--json", stdout=out, stderr=StringIO())
        status = 0
    except CommandError as exc:
        status = exc.returncode
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()], status


@pytest.fixture
def import_json():
    return run_import
