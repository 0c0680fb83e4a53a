"""Hostile answers and task codes: a specific Dutch message, never the generic fallback, never raises."""

from __future__ import annotations

import decimal
import fractions
from typing import Any

import numpy as np
import pandas as pd
import pytest

from voordeur import checks
from voordeur.checks import controleer

GETAL_TAKEN = [c for c in checks.opdrachten() if isinstance(checks.taak(c).verwacht(), int | float)
               and not isinstance(checks.taak(c).verwacht(), bool)]
ALLE_TAKEN = checks.opdrachten()


class StrFaalt:
    def __str__(self) -> str:
        raise RuntimeError("str kapot")

    __repr__ = __str__


class EqFaalt:
    def __eq__(self, ander: object) -> bool:
        raise RuntimeError("eq kapot")

    __hash__ = object.__hash__


class GetattrFaalt:
    def __getattr__(self, naam: str) -> Any:
        raise RuntimeError("getattr kapot")


class BoolFaalt:
    def __bool__(self) -> bool:
        raise RuntimeError("bool kapot")


class FloatFaalt(float):
    def __float__(self) -> float:
        raise RuntimeError("float kapot")


class IterFaalt(list):
    def __iter__(self) -> Any:
        raise RuntimeError("iter kapot")


class LenFaalt(list):
    def __len__(self) -> int:
        raise ValueError("len kapot")


class KlasseFaalt:
    @property
    def __class__(self) -> type:  # type: ignore[override]
        raise RuntimeError("__class__ kapot")


class Zelf(list):
    """A list that contains itself."""


zelf = Zelf()
zelf.append(zelf)

VREEMD: dict[str, Any] = {
    "sNaN": decimal.Decimal("sNaN"), "NaN": decimal.Decimal("NaN"), "-sNaN": decimal.Decimal("-sNaN"),
    "Infinity": decimal.Decimal("Infinity"), "np-0d": np.array(8.3), "np-0d-int": np.array(8),
    "np-0d-tekst": np.array("x"), "np-0d-nan": np.array(np.nan), "np-2d": np.array([[8.3]]),
    "str-faalt": StrFaalt(), "eq-faalt": EqFaalt(), "getattr-faalt": GetattrFaalt(),
    "bool-faalt": BoolFaalt(), "float-faalt": FloatFaalt(1.0), "iter-faalt": IterFaalt([1]),
    "len-faalt": LenFaalt([1]), "zelf": zelf, "complex": 3 + 1j, "fractie": fractions.Fraction(83, 10),
    "bytes": b"8,3", "generator": (x for x in [1]), "type": int, "timestamp": pd.Timestamp("2020-01-01"),
    "groot": 10**400, "series-str-faalt": pd.Series([StrFaalt()], dtype=object), "lege-tabel": pd.DataFrame(),
    "np-str": np.str_("8,3"), "klasse-faalt": KlasseFaalt(), "set": {1, 2}, "dict": {"a": 1},
    "ellipsis-lijst": [...],
}


@pytest.mark.parametrize("naam", sorted(VREEMD))
@pytest.mark.parametrize("code", ALLE_TAKEN)
def test_odd_answers_get_a_specific_message(code: str, naam: str) -> None:
    fb = controleer(code, VREEMD[naam])
    assert fb.status != checks.STORING, fb.platte_tekst()
    assert "nakijken lukte niet" not in fb.tekst
    assert fb.platte_tekst() and fb._repr_mimebundle_()["text/html"]


@pytest.mark.parametrize("naam", ["sNaN", "NaN", "-sNaN", "np-0d-nan"])
@pytest.mark.parametrize("code", GETAL_TAKEN)
def test_nan_in_any_dress_is_named_nan(code: str, naam: str) -> None:
    assert "NaN" in controleer(code, VREEMD[naam]).tekst


@pytest.mark.parametrize("code", GETAL_TAKEN)
def test_a_0d_array_is_read_as_its_number(code: str) -> None:
    goed = checks.taak(code).verwacht()
    fb = controleer(code, np.array(goed))
    assert fb.goed, fb.platte_tekst()
    assert any(".item()" in n for n in fb.notities)


@pytest.mark.parametrize(("naam", "woorden"), [
    ("float-faalt", "gaf zelf een fout"), ("iter-faalt", "gaf zelf een fout"), ("complex", "complex"),
    ("Infinity", "oneindig"), ("groot", "veel te groot"),
])
def test_specific_words(naam: str, woorden: str) -> None:
    assert woorden in controleer("1.1", VREEMD[naam]).tekst


@pytest.mark.parametrize("code", [None, 2, 99.9, True, ["1.1"], ("1", "1"), StrFaalt(), b"1.1", {"1.1": 1}])
def test_task_codes_that_are_not_text(code: Any) -> None:
    fb = controleer(code, 9.2)
    assert fb.status == checks.STORING
    assert 'controleer("' in fb.tekst and "aanhalingstekens" in fb.tekst


def test_a_float_code_that_exists_still_works_with_a_tip() -> None:
    fb = controleer(1.1, checks.taak("1.1").verwacht())
    assert fb.goed and any('controleer("1.1"' in n for n in fb.notities)


def test_a_bug_in_our_own_check_still_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    """The generic message stays for errors that are not in the student's object."""
    def kapot(antwoord: Any, notities: list[str]) -> tuple[str, str]:
        raise ZeroDivisionError("oeps")

    taak = checks.taak("1.1")
    monkeypatch.setitem(checks._OPDRACHTEN, "1.1", checks.Opdracht("1.1", taak.titel, kapot, taak.verwacht))
    fb = controleer("1.1", 9.2)
    assert fb.status == checks.STORING and "nakijken lukte niet" in fb.tekst


def test_a_check_that_needs_pandas_offline_says_so_plainly(monkeypatch: pytest.MonkeyPatch) -> None:
    """In the browser version without internet pandas cannot load: the check shows the offline message,
    not "de data zijn niet goed geladen" and not a Python error name."""
    from voordeur import checks, data
    from voordeur.browser import NietOfflineFout

    def geen_pandas(*args: object, **kwargs: object) -> None:
        raise NietOfflineFout("pandas")

    monkeypatch.setattr(data, "load", geen_pandas)
    uit = checks.controleer("6.1", 8.3)
    assert uit.status == checks.STORING
    assert "Zonder internet" in uit.tekst and "pandas" in uit.tekst
    assert "niet goed geladen" not in uit.tekst and "NietOfflineFout" not in uit.tekst
