"""Mutated sample documents either import or fail with the importer's own error; a failure writes nothing."""

import random
import re

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosures.models import BudgetLine, Disclosure
from disclosures.parsing import parse_disclosure
from disclosures.parsing.types import DisclosureError
from disclosures.services.imports import disclosure_import

from .conftest import SEEDS

TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
JUNK = [
    "",
    "\t\t\t",
    "<b>合计</b>\t—\t1,2,3",
    "2101 202\t财政对\t3200.00\t\t",
    "单位：亿元",
    "表\t\t\t9" * 3,
    "\x0b\x0c",
]


def mutate(text: str, seed: int, operations: list[str]) -> str:
    rng = random.Random(seed)
    lines = text.split("\n")
    for op in operations:
        if not lines:
            break
        i = rng.randrange(len(lines))
        if op == "cut":
            lines = lines[: rng.randrange(len(lines) + 1)]
        elif op == "delete":
            del lines[i : i + rng.randint(1, 20)]
        elif op == "shuffle":
            j = rng.randrange(len(lines))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "junk":
            lines.insert(i, rng.choice(JUNK))
        elif op == "digits":
            lines[i] = "".join(str(rng.randrange(10)) if ch.isdigit() and rng.random() < 0.3 else ch for ch in lines[i])
        elif op == "long":  # two cells run together by the extractor: a number far too long to be an amount
            lines[i] = re.sub(r"\d+\.\d\d", lambda m: m.group(0).replace(".", "") * 3 + ".00", lines[i], count=1)
    return "\n".join(lines)


OPERATIONS = st.lists(st.sampled_from(["cut", "delete", "shuffle", "junk", "digits", "long"]), min_size=1, max_size=6)
ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"])


@settings(max_examples=150, deadline=None)
@given(doc=st.sampled_from(range(len(TEXTS))), seed=st.integers(0, 2**32), operations=OPERATIONS)
def test_parser_returns_rows_or_raises_its_own_error(doc, seed, operations):
    text = mutate(TEXTS[doc], seed, operations)
    try:
        result = parse_disclosure(text)
    except DisclosureError as exc:
        assert exc.message
        return
    line_count = len(text.split("\n"))
    for line in result.lines:
        assert all(1 <= n <= line_count for n in line.source_lines)


class _Rollback(Exception):
    pass


@pytest.mark.django_db
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(doc=st.sampled_from(range(len(TEXTS))), seed=st.integers(0, 2**32), operations=OPERATIONS, encoding=ENCODINGS)
def test_import_of_mutated_document_is_all_or_nothing(doc, seed, operations, encoding):
    # Each example starts from an empty database, so every mutant that parses reaches the write path.
    try:
        with transaction.atomic():
            text = mutate(TEXTS[doc], seed, operations)
            outcome = disclosure_import(data=text.encode(encoding), filename=f"mutated-{doc}.txt")
            if outcome.status == "error":
                assert outcome.error
                assert (Disclosure.objects.count(), BudgetLine.objects.count()) == (0, 0)
            else:
                assert outcome.status == "imported"
                assert outcome.disclosure.lines.count() == len(outcome.prepared.result.lines)
            raise _Rollback
    except _Rollback:
        pass
