"""Consistency checks for the entity lexicon lexicons/names.toml (data only, fast)."""
from __future__ import annotations

import tomllib
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import pytest

PATH = Path(__file__).resolve().parent.parent / "lexicons" / "names.toml"

PEOPLE_KEYS = {"canonical": str, "role": str, "origin": str, "accepted": list, "artifacts": list}
PLACE_KEYS = {"canonical": str, "kind": str, "origin": str, "accepted": list, "artifacts": list}
OPTIONAL_PEOPLE = {"titles": list}
KINDS = {"capital", "city", "region", "country"}
CYRILLIC = {"ru", "uk", "be"}


@pytest.fixture(scope="module")
def data() -> dict:
    return tomllib.loads(PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def people(data) -> list[dict]:
    return data["names"]["people"]


@pytest.fixture(scope="module")
def places(data) -> list[dict]:
    return data["names"]["places"]


@pytest.fixture(scope="module")
def entries(people, places) -> list[dict]:
    return people + places


def test_only_the_names_section(data):
    assert set(data) == {"names"}
    assert set(data["names"]) == {"people", "places"}


def test_size(people, places, entries):
    assert len(entries) >= 400
    assert len(people) >= 200
    assert len(places) >= 100


def _check_shape(item: dict, required: dict, optional: dict) -> None:
    for key, kind in required.items():
        assert key in item, f"{item.get('canonical')!r}: missing {key}"
        assert isinstance(item[key], kind), f"{item['canonical']!r}: {key} must be {kind.__name__}"
    for key, kind in optional.items():
        if key in item:
            assert isinstance(item[key], kind), f"{item['canonical']!r}: {key} must be {kind.__name__}"
    extra = set(item) - set(required) - set(optional)
    assert not extra, f"{item['canonical']!r}: unknown keys {sorted(extra)}"
    for key in ("canonical", "origin") + (("role",) if "role" in required else ("kind",)):
        assert item[key].strip() == item[key] and item[key], f"{item['canonical']!r}: bad {key}"
    for key in ("accepted", "artifacts") + tuple(optional):
        for v in item.get(key, []):
            assert isinstance(v, str) and v and v.strip() == v and "  " not in v, (item["canonical"], key, v)
        assert len(set(item.get(key, []))) == len(item.get(key, [])), f"{item['canonical']!r}: repeated {key}"


def test_people_shape(people):
    for p in people:
        _check_shape(p, PEOPLE_KEYS, OPTIONAL_PEOPLE)
        assert len(p["origin"]) in (2, 3) and p["origin"].islower(), p


def test_places_shape(places):
    for p in places:
        _check_shape(p, PLACE_KEYS, {})
        assert p["kind"] in KINDS, p
        assert len(p["origin"]) in (2, 3) and p["origin"].islower(), p


def test_text_is_nfc(entries):
    for e in entries:
        for s in [e["canonical"], *e["accepted"], *e["artifacts"]]:
            assert unicodedata.normalize("NFC", s) == s, s


def test_canonical_unique(entries):
    dup = [c for c, n in Counter(e["canonical"] for e in entries).items() if n > 1]
    assert not dup, dup


def test_nothing_both_accepted_and_artifact(entries):
    accepted = {v for e in entries for v in [e["canonical"], *e["accepted"]]}
    artifacts = {v for e in entries for v in e["artifacts"]}
    assert not accepted & artifacts, sorted(accepted & artifacts)


def test_no_variant_shared(entries):
    owners: dict[str, set[str]] = defaultdict(set)
    for e in entries:
        for v in [e["canonical"], *e["accepted"], *e["artifacts"]]:
            owners[v].add(e["canonical"])
    shared = {v: sorted(o) for v, o in owners.items() if len(o) > 1}
    assert not shared, shared


def test_artifacts_differ_from_canonical(entries):
    for e in entries:
        assert e["canonical"] not in e["artifacts"], e["canonical"]
        assert e["canonical"] not in e["accepted"], e["canonical"]


def test_people_variants_are_full_names(people):
    # a lone word could be an ordinary English word; people's variants are full names
    for p in people:
        for v in p["accepted"] + p["artifacts"]:
            assert " " in v, (p["canonical"], v)


def test_no_trailing_apostrophe(entries):
    # "Donbas'" or "Mariupol'" would hit English possessives and closing single quotes
    for e in entries:
        for v in e["accepted"] + e["artifacts"]:
            assert not v.endswith(("'", "’")), (e["canonical"], v)


def test_cyrillic_origins(entries):
    assert sum(e["origin"] in CYRILLIC for e in entries) >= 150


def test_cyrillic_people_have_artifacts(people):
    for p in people:
        if p["origin"] in CYRILLIC:
            assert p["artifacts"], p["canonical"]


@pytest.mark.parametrize("canonical, accepted, artifact", [
    ("Sergey Lavrov", "Sergei Lavrov", "Serghei Lavrov"),
    ("Maria Zakharova", None, "Maria Sajarova"),
    ("Olaf Scholz", None, "Olaf Scholes"),
    ("Emmanuel Macron", None, "Emanuel Macron"),
    ("Viktor Gulevich", None, "Victor Goulevitch"),
    ("Vitali Klitschko", None, "Vitaly Klitschko"),
    ("Jake Sullivan", None, "Jack Sullivan"),
    ("Antony Blinken", None, "Anthony Blinken"),
    ("Volodymyr Zelenskyy", "Volodymyr Zelensky", "Wolodymyr Selenskyj"),
    ("Donbas", "Donbass", "Dombas"),
    ("Kyiv", "Kiev", "Kiew"),
])
def test_seed_examples(entries, canonical, accepted, artifact):
    by_name = {e["canonical"]: e for e in entries}
    e = by_name[canonical]
    if accepted:
        assert accepted in e["accepted"]
    assert artifact in e["artifacts"]
