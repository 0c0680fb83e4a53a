"""The module's own banks meet the question-quality targets of issue 11 (measured by quiz.kwaliteit).

The same figures are printed for teachers by ``python -m voordeur.quiz kwaliteit`` (``make quiz-kwaliteit``).
Targets: across the banks the right option is uniquely the longest text in at most a third of the
single-answer decision points; every scenario branches; no point offers a single option; on average at
least three options per point; no bank triggers the "right option always longest" warning.
"""

from __future__ import annotations

import pytest

from voordeur.quiz import kwaliteit
from voordeur.quiz.bank import banken, laad_bank

BANKEN = [laad_bank(naam) for naam in banken()]


def test_the_module_has_its_banks() -> None:
    namen = {b.bank.split("-")[0] for b in BANKEN}
    assert {"les1", "les2", "les3", "les4", "les5", "les6"} <= namen


def test_right_option_is_the_uniquely_longest_in_at_most_a_third() -> None:
    k = kwaliteit.meet(BANKEN)
    assert k.beslispunten >= 60
    langst = [f"{p.bank}/{p.vraag}/{p.punt}" for p in k.punten if p.enkel_goed and p.goed_langst]
    assert k.goed_langst * 3 <= k.beslispunten, f"{k.goed_langst} van {k.beslispunten}: {langst}"


def test_every_scenario_branches() -> None:
    k = kwaliteit.meet(BANKEN)
    assert k.scenarios >= 8
    assert k.vertakt == k.scenarios, k.niet_vertakt


def test_no_single_option_points_and_three_options_on_average() -> None:
    k = kwaliteit.meet(BANKEN)
    assert not k.een_optie, k.een_optie
    assert k.gemiddeld_opties >= 3.0


@pytest.mark.parametrize("bank", BANKEN, ids=lambda b: b.bank)
def test_no_quality_warnings(bank) -> None:
    assert kwaliteit.waarschuwingen(bank) == []
