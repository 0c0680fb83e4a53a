"""Loading and checking banks: one Dutch message per problem, naming file, line, question and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BROKEN, ROOT, VOORBEELD

from voordeur import quiz
from voordeur.quiz.bank import controleer_bank, controleer_tekst, laad_bank
from voordeur.quiz.schema import schema_tekst
from voordeur_bouw.schema import standaard_schema_pad

# file -> expected problems: (line, question id, field, words in the message)
VERWACHT: dict[str, list[tuple[int | None, str | None, str | None, str]]] = {
    "syntaxis.yaml": [(8, None, None, "geen geldige YAML")],
    "veld-ontbreekt.yaml": [(5, "k-zonder-vraag", "vraag", "De vraag ontbreekt")],
    "onbekend-type.yaml": [(6, "k-type", "type", "Onbekend type 'meerkeuze'. Bedoel je 'meer'?")],
    "dubbel-id.yaml": [(14, "k-dubbel", "id", "komt al voor (vraag 1, regel 5)")],
    "geen-goed-antwoord.yaml": [
        (8, "k-geen-goed", "opties", "Er is geen goed antwoord"),
        (16, "k-twee-goed", "opties", "Er zijn 2 opties met 'goed: true'"),
        (26, "k-meer-geen-goed", "opties", "Er is geen goed antwoord"),
    ],
    "optie-zonder-feedback.yaml": [(12, "k-feedback", "opties 2 › feedback", "geen feedback")],
    "scenario-nergens.yaml": [(16, "k-nergens", "punten 1 › opties 1 › naar", "Het punt 'p9' bestaat niet")],
    "scenario-onbereikbaar.yaml": [(20, "k-onbereikbaar", "punten 2", "'p2' is onbereikbaar")],
    "scenario-geen-uitkomst.yaml": [
        (20, "k-rondje", "punten 2", "Vanaf het punt 'p2' kom je nooit bij een uitkomst"),
        (30, "k-rondje", "punten 3", "Vanaf het punt 'p3' kom je nooit bij een uitkomst"),
    ],
    "getal-zonder-antwoord.yaml": [
        (5, "k-getal", "antwoord", "heeft een antwoord nodig"),
        (13, "k-getal-komma", "antwoord", "Gebruik in het YAML-bestand een punt"),
    ],
    "onbekend-veld.yaml": [
        (9, "k-tikfout", "opties 1 › feedback", "geen feedback"),
        (11, "k-tikfout", "opties 1 › feedbak", "Onbekend veld 'feedbak'. Bedoel je 'feedback'?"),
    ],
}


def test_elk_kapot_bestand_heeft_een_verwachting() -> None:
    assert sorted(p.name for p in BROKEN.glob("*.yaml")) == sorted(VERWACHT)


@pytest.mark.parametrize("naam", sorted(VERWACHT))
def test_kapotte_bank_geeft_een_melding_per_probleem(naam: str) -> None:
    problemen = controleer_bank(BROKEN / naam)
    gevonden = [(p.regel, p.vraag, p.veld) for p in problemen]
    assert gevonden == [(r, v, f) for r, v, f, _ in VERWACHT[naam]]
    for p, (_, _, _, woorden) in zip(problemen, VERWACHT[naam], strict=True):
        assert woorden in p.melding
        tekst = str(p)
        assert tekst.startswith(str(BROKEN / naam))
        assert f"regel {p.regel}" in tekst
        if p.vraag:
            assert f"vraag '{p.vraag}'" in tekst and f"veld '{p.veld}'" in tekst


def test_laad_bank_geeft_quizfout_met_alle_problemen() -> None:
    with pytest.raises(quiz.QuizFout) as e:
        laad_bank(BROKEN / "geen-goed-antwoord.yaml")
    assert len(e.value.problemen) == 3
    assert "Er zijn 3 problemen" in str(e.value)
    assert "k-twee-goed" in str(e.value)
    assert isinstance(e.value, quiz.QuizFout)
    from voordeur.fouten import VoordeurFout

    assert isinstance(e.value, VoordeurFout)


def test_voorbeeld_is_in_orde_en_heeft_elk_type() -> None:
    assert controleer_bank(VOORBEELD) == []
    bank = quiz.laad_bank("voorbeeld")
    assert bank.bank == "voorbeeld" and bank.versie >= 1
    assert {v.type for v in bank.vragen} == {"enkel", "meer", "volgorde", "getal", "scenario"}
    assert any(v.hint for v in bank.vragen) and all(v.bron for v in bank.vragen)


def test_voorbeeld_gebruikt_de_vijf_stapnamen() -> None:
    volgorde = quiz.laad_bank("voorbeeld").vraag("vb-stappen-meldcode")
    assert volgorde.items == [
        "In kaart brengen van signalen",
        "Collegiale consultatie en zo nodig raadplegen van Veilig Thuis",
        "Gesprek met de betrokkene(n)",
        "Wegen van het geweld of de kindermishandeling",
        "Beslissen: hulp organiseren en/of melden",
    ]


@pytest.mark.parametrize("pad", sorted((ROOT / "data" / "quizzes").glob("*.yaml")), ids=lambda p: p.name)
def test_alle_banken_in_data_quizzes_zijn_in_orde(pad: Path) -> None:
    problemen = controleer_bank(pad)
    assert not problemen, "\n".join(map(str, problemen))


def test_bank_ids_zijn_uniek() -> None:
    ids = [quiz.laad_bank(p).bank for p in sorted((ROOT / "data" / "quizzes").glob("*.yaml"))]
    assert len(ids) == len(set(ids))


def test_schema_json_is_actueel() -> None:
    pad = standaard_schema_pad()
    assert pad == ROOT / "data" / "quizzes" / "schema.json"
    assert pad.read_text(encoding="utf-8") == schema_tekst(), (
        "data/quizzes/schema.json is verouderd: draai `make build`")


def test_schema_beschrijft_alle_typen() -> None:
    tekst = schema_tekst()
    for soort in ("enkel", "meer", "volgorde", "getal", "scenario"):
        assert f'"const": "{soort}"' in tekst


def test_onbekende_bank_naam_noemt_de_beschikbare() -> None:
    with pytest.raises(quiz.QuizFout, match=r"bestaat niet.*voorbeeld"):
        quiz.laad_bank("bestaat-niet")


def test_ontbrekend_bestand_en_map() -> None:
    (p,) = controleer_bank("nergens/bank.yaml")
    assert "bestaat niet" in p.melding and p.bestand == "nergens/bank.yaml"
    (p,) = controleer_bank(BROKEN)
    assert "map" in p.melding
    with pytest.raises(quiz.QuizFout, match="bestaat niet"):
        quiz.laad_bank("nergens/bank.yaml")


def test_dubbele_sleutel_en_lege_bank_en_bankvelden() -> None:
    problemen, bank = controleer_tekst("bank: a\nbank: b\ntitel: T\nversie: 0\nvragen: []\n", "x.yaml")
    assert bank is None
    meldingen = [(p.regel, p.veld, p.melding) for p in problemen]
    assert (2, "bank", "De sleutel 'bank' staat twee keer in hetzelfde blok.") in meldingen
    assert any(r == 4 and v == "versie" and "minstens 1" in m for r, v, m in meldingen)
    assert any(r == 5 and v == "vragen" and "te kort" in m for r, v, m in meldingen)
    (p,), _ = controleer_tekst("", "leeg.yaml")
    assert "bank:" in p.melding
    (p,), _ = controleer_tekst("- 1\n- 2\n", "lijst.yaml")
    assert "geen vragenbank" in p.melding


def test_bankkop_ontbreekt_en_vraag_is_geen_blok() -> None:
    problemen, _ = controleer_tekst("titel: T\nvragen:\n  - hallo\n", "x.yaml")
    velden = {(p.veld, p.regel) for p in problemen}
    assert ("bank", 1) in velden and ("versie", 1) in velden and ("vragen 1", 3) in velden


def test_scenario_overige_regels() -> None:
    tekst = """
bank: s
titel: S
versie: 1
vragen:
  - id: s1
    type: scenario
    casus: C
    start: p0
    punten:
      - id: p1
        tekst: T
        opties:
          - {tekst: A, feedback: F, naar: p1, uitkomst: u1}
          - {tekst: B, feedback: F}
      - id: p1
        tekst: T
        opties:
          - {tekst: A, feedback: F, goed: true, uitkomst: u1}
          - {tekst: B, feedback: F, uitkomst: nergens}
    uitkomsten:
      - {id: u1, titel: U, uitleg: X}
      - {id: u2, titel: U, uitleg: X}
"""
    meldingen = " | ".join(p.melding for p in controleer_tekst(tekst, "s.yaml")[0])
    for woorden in ("Het punt 'p1' bestaat al", "Geen enkele uitkomst heeft 'goed: true'",
                    "Het startpunt 'p0' bestaat niet", "geen enkele keuze 'goed: true'",
                    "zowel 'naar:' als 'uitkomst:'", "leidt nergens heen",
                    "De uitkomst 'nergens' bestaat niet",
                    "De uitkomst 'u2' wordt nergens gebruikt"):
        assert woorden in meldingen


def test_dubbele_opties_en_items() -> None:
    tekst = """
bank: d
titel: D
versie: 1
vragen:
  - id: d1
    type: meer
    vraag: V
    opties:
      - {tekst: A, feedback: F, goed: true}
      - {tekst: A, feedback: F}
  - id: d2
    type: volgorde
    items: [a, b, a]
"""
    problemen, _ = controleer_tekst(tekst, "d.yaml")
    assert [(p.vraag, p.veld) for p in problemen] == [("d1", "opties 2 › tekst"), ("d2", "items 3")]


def test_getal_data_verwijzing_klopt_met_de_data() -> None:
    """A ``getal`` question with ``data:`` must agree with the dataset it names."""
    data = pytest.importorskip("voordeur.data")
    vragen = [v for p in sorted((ROOT / "data" / "quizzes").glob("*.yaml")) for v in laad_bank(p).vragen
              if v.type == "getal" and v.data is not None]
    if not vragen:
        pytest.skip("geen getal-vragen met een data-verwijzing")
    for v in vragen:
        df = data.load(v.data.dataset)
        for kolom, waarde in v.data.waar.items():
            df = df[df[kolom].astype(str) == str(waarde)]
        assert len(df) == 1, f"{v.id}: {len(df)} rijen voor {v.data.waar}"
        assert abs(float(df[v.data.kolom].iloc[0]) - v.antwoord) <= v.marge + 1e-9, v.id


def test_banks_are_listed_in_lesson_order() -> None:
    # the quiz app, the beamer and the class overview list the banks in this order: les2 before les10
    from voordeur.quiz.bank import _natuurlijke_volgorde

    namen = ["les10", "les2", "voorbeeld", "les1", "mijn-casussen"]
    assert sorted(namen, key=_natuurlijke_volgorde) == ["les1", "les2", "les10", "mijn-casussen", "voorbeeld"]
