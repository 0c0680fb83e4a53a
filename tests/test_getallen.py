"""Dutch number formatting."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from voordeur import getallen


def test_contract_examples() -> None:
    assert getallen.procent(8.3) == "8,3%"
    assert getallen.aantal(127340) == "127.340"
    assert getallen.personen(1_200_000) == "1,2 miljoen"


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [(8, "8%"), (8.0, "8%"), (10.9, "10,9%"), (0.6, "0,6%"), (100, "100%"), (12.75, "12,75%")],
)
def test_procent(waarde: float, verwacht: str) -> None:
    assert getallen.procent(waarde) == verwacht


def test_procent_fixed_decimals() -> None:
    assert getallen.procent(1.0, 1) == "1,0%"
    assert getallen.procent(8.25, 1) in ("8,2%", "8,3%")


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [(0, "0"), (25, "25"), (1000, "1.000"), (143210, "143.210"), (1_234_567, "1.234.567"), (-1234, "-1.234")],
)
def test_aantal(waarde: int, verwacht: str) -> None:
    assert getallen.aantal(waarde) == verwacht


@pytest.mark.parametrize(
    ("waarde", "verwacht"),
    [(1_600_000, "1,6 miljoen"), (1_000_000, "1 miljoen"), (4_500_000, "4,5 miljoen"), (820_000, "820.000"),
     (185_000, "185.000")],
)
def test_personen(waarde: int, verwacht: str) -> None:
    assert getallen.personen(waarde) == verwacht


def test_getal_and_bereik() -> None:
    assert getallen.getal(1234.5) == "1.234,5"
    assert getallen.getal(27.4) == "27,4"
    assert getallen.getal(-0.001) == "0"
    assert getallen.bereik(90_000, 127_000) == "90.000 tot 127.000"
    assert getallen.bereik(119_000, 119_000) == "119.000"
    assert getallen.bereik(26, 37, getallen.getal) == "26 tot 37"


def test_years_without_separator() -> None:
    assert getallen.jaar(2020) == "2020"
    assert getallen.jaar(2020.0) == "2020"
    assert getallen.jaar("2025 1e halfjaar") == "2025 1e halfjaar"


@pytest.mark.parametrize("leeg", [None, math.nan, pd.NA, float("inf")])
def test_missing_values(leeg: object) -> None:
    assert getallen.procent(leeg) == "onbekend"
    assert getallen.aantal(leeg) == "onbekend"


def test_numpy_and_nullable_ints() -> None:
    reeks = pd.Series([127340], dtype="Int64")
    assert getallen.aantal(reeks.iloc[0]) == "127.340"
    assert getallen.procent(pd.Series([8.3]).iloc[0]) == "8,3%"
