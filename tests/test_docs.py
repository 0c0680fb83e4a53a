"""The teacher guide and the launch docs point at things that exist (quiz ids, files, lesson titles)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from voordeur.lessen import LESSEN

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "docentenhandleiding.md"
DOCS = [GUIDE, ROOT / "docs" / "starten-zonder-installatie.md", ROOT / "CONTRIBUTING.md"]


def _bank_ids() -> set[str]:
    ids: set[str] = set()
    for path in (ROOT / "data" / "quizzes").glob("*.yaml"):
        ids |= {v["id"] for v in yaml.safe_load(path.read_text(encoding="utf-8")).get("vragen", [])}
    return ids


def test_every_quiz_id_in_the_guide_exists() -> None:
    mentioned = set(re.findall(r"`(l\d-[a-z0-9-]+)`", GUIDE.read_text(encoding="utf-8")))
    assert mentioned, "the guide names no quiz ids"
    missing = sorted(mentioned - _bank_ids())
    assert not missing, f"docs/docentenhandleiding.md names quiz ids that no bank has: {missing}"


def test_guide_covers_every_lesson_with_its_title_and_duration() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for les in LESSEN:
        if les.nummer == 0:
            continue
        minutes = les.duur.split()[0]
        assert re.search(rf"^### Les {les.nummer} · .*\({minutes} minuten\)$", text, re.M), les.titel
        assert f"| {les.nummer} | {les.titel} | {minutes} min |" in text, les.titel


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_repository_paths_in_docs_exist(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    pattern = r"`((?:exercises|solutions|notebooks|data/quizzes|tools|docs)/[\w./-]+\.\w+)`"
    paths = set(re.findall(pattern, text))
    templates = ("mijn-", "NN", "...")  # placeholders in how-to text
    missing = sorted(p for p in paths if not (ROOT / p).exists() and not any(t in p for t in templates))
    assert not missing, f"{doc.name} names files that do not exist: {missing}"


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: p.name)
def test_relative_links_resolve(doc: Path) -> None:
    text = doc.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", text):
        if re.match(r"^[a-z]+:", target):
            continue
        assert (doc.parent / target).exists(), f"{doc.name}: broken link {target}"
