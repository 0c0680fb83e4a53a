"""Quality figures and warnings (issue 11 §3) on small synthetic banks; never on the real banks."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from voordeur.quiz import kwaliteit
from voordeur.quiz.bank import controleer_tekst_volledig

KOP = "bank: {naam}\ntitel: T\nversie: 1\nvragen:\n"


def _enkel(i: int, goed: str, fout: list[str]) -> str:
    regels = [f"  - id: e{i}", "    type: enkel", "    vraag: Wat doe je?", "    opties:",
              f"      - tekst: {goed}", "        goed: true", "        feedback: Ja."]
    for f in fout:
        regels += [f"      - tekst: {f}", "        feedback: Nee."]
    return "\n".join(regels) + "\n"


def _scenario(i: int, vertakt: bool, een_optie: bool = False) -> str:
    fout_naar = "naar: p3" if vertakt else "uitkomst: slecht"
    p2_extra = "" if een_optie else """
          - tekst: Afwachten tot er bewijs is
            feedback: Te laat.
            uitkomst: slecht"""
    return f"""  - id: s{i}
    type: scenario
    casus: Een casus.
    start: p1
    punten:
      - id: p1
        tekst: Wat doe je eerst?
        opties:
          - tekst: Kort
            goed: true
            feedback: Ja.
            naar: p2
          - tekst: De ouder direct confronteren met je zorgen
            feedback: Dan sluit de ouder zich af.
            {fout_naar}
      - id: p2
        tekst: En dan?
        opties:
          - tekst: Overleggen met de aandachtsfunctionaris
            goed: true
            feedback: Ja.
            uitkomst: goed{p2_extra}
      - id: p3
        tekst: De ouder is boos. Wat nu?
        opties:
          - tekst: Rustig opnieuw in gesprek gaan
            goed: true
            feedback: Zo herstel je het contact.
            naar: p2
          - tekst: Niets meer doen
            feedback: Dan blijft het kind alleen.
            uitkomst: slecht
    uitkomsten:
      - id: goed
        titel: Goed
        uitleg: Zo hoort het.
        goed: true
      - id: slecht
        titel: Slecht afgelopen
        uitleg: Dit liep niet goed af.
"""


def _laad(tekst: str, naam: str = "t"):
    u = controleer_tekst_volledig(KOP.format(naam=naam) + tekst, f"{naam}.yaml")
    assert u.problemen == [], u.problemen
    return u


def test_counts_on_a_small_bank() -> None:
    u = _laad(_enkel(1, "Een lang en omzichtig goed antwoord", ["Kort", "Ook kort"])
              + _enkel(2, "Kort", ["Een veel langer fout antwoord", "Nee"])
              + _scenario(3, vertakt=True))
    k = kwaliteit.meet_bank(u.bank)
    # e1, e2, and the scenario's p1, p2, p3 (p3 is reachable: the branch leads there)
    assert len(k.punten) == 5 and k.beslispunten == 5
    # e1: yes; e2: no; p1 ("Kort" vs a long distractor): no; p2 (right vs "Afwachten ..."): yes; p3: yes
    assert k.goed_langst == 3
    assert (k.scenarios, k.vertakt) == (1, 1)
    assert k.gemiddeld_opties == pytest.approx((3 + 3 + 2 + 2 + 2) / 5)
    assert not k.altijd_langst


def test_multi_answer_points_are_not_single_answer() -> None:
    tekst = _enkel(1, "Goed antwoord dat lang is", ["Kort"]).replace("type: enkel", "type: meer")
    u = _laad(tekst + _enkel(2, "Lang goed antwoord hier", ["Kort"]))
    k = kwaliteit.meet_bank(u.bank)
    assert len(k.punten) == 1 and k.beslispunten == 1  # 'meer' is not a decision point


@pytest.mark.parametrize(("n", "waarschuwt"), [(2, False), (3, True), (5, True)])
def test_warning_right_option_always_longest(n: int, waarschuwt: bool) -> None:
    tekst = "".join(_enkel(i, "Het goede antwoord is lang", ["Kort", "Korter"]) for i in range(n))
    u = _laad(tekst)
    meldingen = [w.melding for w in u.waarschuwingen]
    assert any("langste tekst" in m for m in meldingen) == waarschuwt
    if waarschuwt:
        w = next(w for w in u.waarschuwingen if "langste tekst" in w.melding)
        assert w.regel == 4 and w.is_waarschuwing and f"In alle {n} keuzes" in w.melding


def test_one_point_where_it_is_not_the_longest_stops_the_warning() -> None:
    tekst = "".join(_enkel(i, "Het goede antwoord is lang", ["Kort"]) for i in range(4))
    tekst += _enkel(9, "Kort", ["Een fout antwoord dat langer is"])
    assert not any("langste" in w.melding for w in _laad(tekst).waarschuwingen)


def test_a_tie_is_not_uniquely_longest() -> None:
    tekst = "".join(_enkel(i, "Even lang A", ["Even lang B"]) for i in range(3))
    u = _laad(tekst)
    assert kwaliteit.meet_bank(u.bank).goed_langst == 0
    assert not any("langste" in w.melding for w in u.waarschuwingen)


def test_markup_does_not_count_for_length() -> None:
    tekst = "".join(_enkel(i, '"**Kort**"', ["Kort1"]) for i in range(3))
    assert kwaliteit.meet_bank(_laad(tekst).bank).goed_langst == 0


@pytest.mark.parametrize("vertakt", [True, False])
def test_scenario_without_a_branch_warns(vertakt: bool) -> None:
    tekst = _scenario(1, vertakt)
    if not vertakt:  # p3 would be unreachable (an error): drop it
        tekst = tekst[: tekst.index("      - id: p3")] + tekst[tekst.index("    uitkomsten:"):]
    u = _laad(tekst)
    waarschuwingen = [w for w in u.waarschuwingen if "vertakt niet" in w.melding]
    assert bool(waarschuwingen) != vertakt
    if waarschuwingen:
        assert waarschuwingen[0].vraag == "s1" and waarschuwingen[0].regel == 5


def test_a_point_with_one_option_warns_but_loads() -> None:
    u = _laad(_scenario(1, vertakt=True, een_optie=True))
    w = [w for w in u.waarschuwingen if "maar één keuze" in w.melding]
    assert len(w) == 1 and "'p2'" in w[0].melding and w[0].vraag == "s1"
    assert u.bank is not None


def test_meet_over_several_banks_and_report() -> None:
    a = _laad(_enkel(1, "Lang goed antwoord", ["Kort"]), "a").bank
    b = _laad(_scenario(1, vertakt=True), "b").bank
    totaal = kwaliteit.meet([a, b])
    assert (totaal.beslispunten, totaal.scenarios, totaal.vertakt) == (4, 1, 1)
    tekst = kwaliteit.rapport({"a.yaml": kwaliteit.meet_bank(a), "b.yaml": kwaliteit.meet_bank(b)})
    assert "a.yaml:" in tekst and "Alle banken samen:" in tekst
    assert "gemiddeld aantal opties per keuzepunt: 2,0" in tekst


def test_empty_figures() -> None:
    k = kwaliteit.Kwaliteit()
    assert (k.beslispunten, k.goed_langst, k.gemiddeld_opties, k.altijd_langst) == (0, 0, 0.0, False)


def test_kwaliteit_command(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(KOP.format(naam="a") + _enkel(1, "Lang goed antwoord", ["Kort"]),
                                     encoding="utf-8")
    (tmp_path / "kapot.yaml").write_text("bank: [", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "voordeur.quiz", "kwaliteit", str(tmp_path)],
                       capture_output=True, text=True, timeout=120)
    assert "Traceback" not in r.stdout + r.stderr
    assert "a.yaml:" in r.stdout and "keuzes met één goed antwoord: 1" in r.stdout
    assert "kapot.yaml: heeft problemen; overgeslagen" in r.stdout
    assert r.returncode == 1
    (tmp_path / "kapot.yaml").unlink()
    r = subprocess.run([sys.executable, "-m", "voordeur.quiz", "kwaliteit", str(tmp_path)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0
