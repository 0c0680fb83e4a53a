"""Escaping (hostile case text is shown, never executed) and Dutch number input."""

from __future__ import annotations

import pytest

from voordeur.getallen import lees as lees_getal
from voordeur.quiz.model import getal_tekst
from voordeur.quiz.tekst import inline_html, naar_html, platte_tekst

VIJANDIG = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "<a href=\"javascript:alert(1)\">klik</a>",
    "**<b onmouseover=alert(1)>vet</b>**",
    "<style>body{display:none}</style>",
    "- <iframe src=//evil></iframe>",
]


@pytest.mark.parametrize("tekst", VIJANDIG)
def test_html_wordt_escaped(tekst: str) -> None:
    uit = naar_html(tekst)
    for gevaarlijk in ("<script", "<img", "<a ", "<b ", "<style", "<iframe"):
        assert gevaarlijk not in uit
    assert "&lt;" in uit
    assert "<" not in inline_html(tekst).replace("<strong>", "").replace("</strong>", "").replace("<br>", "")


def test_veilige_opmaak_na_escapen() -> None:
    tekst = "Eerste regel\ntweede **vet** regel\n\n- punt <1>\n- punt 2\n\nEinde & klaar"
    assert naar_html(tekst) == (
        "<p>Eerste regel<br>tweede <strong>vet</strong> regel</p>"
        "<ul><li>punt &lt;1&gt;</li><li>punt 2</li></ul><p>Einde &amp; klaar</p>"
    )
    assert naar_html("") == "" and naar_html(None) == ""
    assert naar_html("a ** b ** c") == "<p>a ** b ** c</p>"
    assert platte_tekst("**Vet**\nen  meer") == "Vet en meer"


@pytest.mark.parametrize(("invoer", "waarde"), [
    ("8,3", 8.3), ("8.3", 8.3), ("8,3%", 8.3), (" 8,3 % ", 8.3), ("-2", -2.0), ("−2,5", -2.5), ("+4", 4.0),
    ("127.340", 127340.0), ("1.234,5", 1234.5), ("1,234.5", 1234.5), ("0.125", 0.125), (",5", 0.5),
    ("€ 12,50", 12.5), ("8,3 procent", 8.3), ("26", 26.0), ("1.000.000", 1_000_000.0),
])
def test_lees_getal(invoer: str, waarde: float) -> None:
    assert lees_getal(invoer) == pytest.approx(waarde)


@pytest.mark.parametrize("invoer", ["", "abc", "8,3,1", "1.2.3", "--1", "8 3a", "inf", "nan", "1e5", ".",
                                    "%"])
def test_geen_getal(invoer: str) -> None:
    assert lees_getal(invoer) is None


def test_getal_tekst() -> None:
    assert getal_tekst(9.2) == "9,2"
    assert getal_tekst(127340) == "127.340"
    assert getal_tekst(0.05) == "0,05"
    assert getal_tekst(1234.5) == "1.234,5"
    assert getal_tekst(-3) == "-3"
