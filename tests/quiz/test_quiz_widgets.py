"""Headless widget tests: set values, click buttons, read feedback from widget values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import tekst_van

from voordeur import quiz
from voordeur.quiz.widgets import Quiz


def _goed_index(vraag) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, o in enumerate(vraag.opties) if o.goed)


def _fout_index(vraag) -> int:  # type: ignore[no-untyped-def]
    return next(i for i, o in enumerate(vraag.opties) if not o.goed)


def _zichtbaar(widget) -> bool:  # type: ignore[no-untyped-def]
    return widget.layout.display != "none"


@pytest.fixture
def q(tmp_path: Path) -> Quiz:
    return Quiz("voorbeeld", map=tmp_path)


def test_dom_hooks_en_knoppen(q: Quiz) -> None:
    assert "vd-quiz" in q.widget._dom_classes
    for w, v in zip(q.weergaven, q.vragen, strict=True):
        assert {"vd-vraag", f"vd-vraag-{v.id}", f"vd-type-{v.type}"} <= set(w.box._dom_classes)
        assert "vd-feedback" in w.feedback._dom_classes
        assert w.knop_controleer.description == "Controleer" and _zichtbaar(w.knop_controleer)
        assert w.knop_opnieuw.description == "Probeer opnieuw" and not _zichtbaar(w.knop_opnieuw)
        assert w.knop_toon.description == "Toon antwoord" and not _zichtbaar(w.knop_toon)
        assert w.knop_hint.description == "Hint"
        assert _zichtbaar(w.knop_hint) == bool(v.hint)
    assert "vd-score" in q.score._dom_classes
    assert tekst_van(q.score.value) == "Score: 0 van 5 goed (5 nog niet beantwoord)."
    assert q.knop_bewaar.description == "Bewaar mijn antwoorden"


def test_enkel_fout_opnieuw_goed(q: Quiz) -> None:
    w = q.weergaven[0]
    w.knop_controleer.click()
    assert "ℹ Let op: Kies eerst een antwoord." in tekst_van(w.feedback.value)
    assert w.resultaat is None
    w.keuze.value = _fout_index(w.vraag)
    w.knop_controleer.click()
    tekst = tekst_van(w.feedback.value)
    assert tekst.startswith("✘ Nog niet goed:")
    assert w.keuze.disabled and not _zichtbaar(w.knop_controleer) and _zichtbaar(w.knop_opnieuw)
    assert "0 van 5 goed" in q.score.value
    w.knop_opnieuw.click()
    assert w.feedback.value == "" and w.keuze.value is None and not w.keuze.disabled
    w.keuze.value = _goed_index(w.vraag)
    w.knop_controleer.click()
    assert tekst_van(w.feedback.value).startswith("✔ Goed: Dit is stap 1")
    assert not _zichtbaar(w.knop_opnieuw)
    assert "Score: 1 van 5 goed" in q.score.value


def test_opties_geschud_met_vaste_seed() -> None:
    a, b, c = Quiz("voorbeeld"), Quiz("voorbeeld"), Quiz("voorbeeld", seed=3)
    opties = [w.keuze.options for w in (a.weergaven[0], b.weergaven[0], c.weergaven[0])]
    assert opties[0] == opties[1]
    assert [t for t, _ in opties[0]] != [o.tekst for o in a.vragen[0].opties] or opties[0] != opties[2]
    vast = Quiz("voorbeeld", schud=False)
    assert [t for t, _ in vast.weergaven[0].keuze.options] == [o.tekst for o in vast.vragen[0].opties]
    assert vast.weergaven[2].antwoord() != list(vast.vragen[2].items)  # ordering is always shuffled


def test_meer_gedeeltelijk(q: Quiz) -> None:
    w = q.weergaven[1]
    goed = [i for i, o in enumerate(w.vraag.opties) if o.goed]
    w.vakjes[goed[0]].value = True
    w.knop_controleer.click()
    tekst = tekst_van(w.feedback.value)
    assert tekst.startswith("◐ Gedeeltelijk goed: Je hebt 1 van de 3 goede antwoorden gekozen.")
    assert "✔ Terecht gekozen" in tekst
    assert all(v.disabled for v in w.vakjes.values())
    w.knop_opnieuw.click()
    assert not any(v.value for v in w.vakjes.values())
    for i in goed:
        w.vakjes[i].value = True
    w.knop_controleer.click()
    assert tekst_van(w.feedback.value).startswith("✔ Goed:")


def test_volgorde_met_knoppen(q: Quiz) -> None:
    w = q.weergaven[2]
    items = list(w.vraag.items)
    label, op, neer = w.rijen[0]
    assert op.disabled and not neer.disabled and op.description == "↑ Hoger"
    assert w.rijen[-1][2].disabled
    assert f"Zet '{w.volgorde[0]}' één plek lager" in neer.tooltip
    assert label.value == f"1. {w.volgorde[0]}"
    w.knop_controleer.click()
    assert tekst_van(w.feedback.value).split(":")[0] in ("✘ Nog niet goed", "◐ Gedeeltelijk goed")
    assert "staat nog niet op de goede plek" in w.feedback.value
    w.knop_opnieuw.click()
    # sort with the buttons only, like a keyboard user would
    for doel, item in enumerate(items):
        pos = w.volgorde.index(item)
        while pos > doel:
            w.rijen[pos][1].click()
            pos -= 1
    assert w.antwoord() == items
    assert w.rijen[0][0].value == f"1. {items[0]}"
    w.knop_controleer.click()
    assert tekst_van(w.feedback.value).startswith("✔ Goed: Sinds 2019")
    assert all(r[1].disabled and r[2].disabled for r in w.rijen)
    w.omhoog(3)  # locked after a correct answer
    assert w.antwoord() == items


def test_getal_nederlandse_invoer_en_geen_getal(q: Quiz) -> None:
    w = q.weergaven[3]
    assert w.invoerveld.description == "Jouw antwoord:"
    w.invoerveld.value = "zes"
    w.knop_controleer.click()
    assert "'zes' is geen getal" in w.feedback.value.replace("&#x27;", "'")
    assert not w.invoerveld.disabled and w.resultaat is None
    w.invoerveld.value = "30"
    w.knop_controleer.click()
    assert tekst_van(w.feedback.value) == "✘ Nog niet goed: Het zijn er minder."
    w.knop_opnieuw.click()
    w.invoerveld.value = "26,0"
    w.knop_controleer.click()
    assert tekst_van(w.feedback.value).startswith("✔ Goed: Nederland heeft 26")


def test_hint(q: Quiz) -> None:
    w = q.weergaven[0]
    assert w.hinttekst.value == ""
    w.knop_hint.click()
    assert "Hint: Denk aan stap 1" in tekst_van(w.hinttekst.value)


def test_scenario_tot_uitkomst_en_opnieuw(q: Quiz) -> None:
    w = q.weergaven[4]
    assert "Je maakt je zorgen" in w.punttekst.value
    w.knop_controleer.click()
    assert "Kies eerst" in w.feedback.value
    stappen = 0
    while not w.stand.klaar:
        w.keuze.value = _goed_index(w.stand.punt)
        w.knop_controleer.click()
        assert tekst_van(w.feedback.value).startswith("✔ Goed:")
        assert _zichtbaar(w.knop_verder) and w.keuze.disabled
        w.knop_verder.click()
        stappen += 1
    assert stappen == 3
    tekst = tekst_van(w.feedback.value)
    assert tekst.startswith("✔ Goed: Uitkomst: Je meldt en blijft helpen.")
    assert "Je koos 3 van de 3 keer de beste stap." in tekst
    assert "Jouw keuzes tot nu toe" in w.pad.value
    assert "Score: 1 van 5 goed" in q.score.value
    w.knop_opnieuw.click()
    assert w.stand.punt.id == "p1" and w.pad.value == "" and _zichtbaar(w.knop_controleer)
    w.keuze.value = _fout_index(w.stand.punt)
    w.knop_controleer.click()
    assert tekst_van(w.feedback.value).startswith("✘ Nog niet goed:")
    w.knop_verder.click()
    assert tekst_van(w.feedback.value).startswith("✘ Nog niet goed: Uitkomst: Je gaat zelf speuren")
    assert "0 van 5 goed" in q.score.value


def test_klasmodus_verbergt_feedback_tot_toon_antwoord(tmp_path: Path) -> None:
    q = quiz.toon("voorbeeld", klasmodus=True)
    assert "vd-klasmodus" in q.widget._dom_classes
    assert not _zichtbaar(q.knop_bewaar)
    w = q.weergaven[0]
    assert not _zichtbaar(w.knop_controleer) and _zichtbaar(w.knop_toon)
    w.keuze.value = _fout_index(w.vraag)  # students may still select
    assert w.feedback.value == ""
    assert "nog geen antwoorden getoond" in q.score.value
    w.knop_toon.click()
    tekst = tekst_van(w.feedback.value)
    assert tekst.startswith("✘ Nog niet goed:")
    assert "Het goede antwoord is: Ik schrijf" in tekst
    assert tekst.count("✔ Goed:") == 1 and tekst.count("✘ Nog niet goed:") == 4  # verdict + 3 options
    assert _zichtbaar(w.knop_opnieuw) and not _zichtbaar(w.knop_toon)
    w.knop_opnieuw.click()
    assert w.feedback.value == "" and _zichtbaar(w.knop_toon)
    g = q.weergaven[3]
    g.knop_toon.click()  # nothing typed: only the key
    assert tekst_van(g.feedback.value) == "Het goede antwoord is 26."
    v = q.weergaven[2]
    v.knop_toon.click()  # order untouched: no verdict, only the key
    assert tekst_van(v.feedback.value).startswith("De goede volgorde is: 1. In kaart brengen van signalen")
    v.knop_opnieuw.click()
    v.omlaag(0)
    v.knop_toon.click()
    assert tekst_van(v.feedback.value).split(":")[0] in ("✘ Nog niet goed", "◐ Gedeeltelijk goed", "✔ Goed")


def test_klasmodus_scenario(tmp_path: Path) -> None:
    w = quiz.toon("voorbeeld", ids=["vb-scenario-leerling"], klasmodus=True).weergaven[0]
    w.knop_toon.click()
    assert "De beste keuze hier" in w.feedback.value and "Uitleg bij elke keuze" in w.feedback.value
    w.knop_verder.click()
    assert "Kies eerst wat de klas doet" in w.feedback.value
    while not w.stand.klaar:
        w.keuze.value = _goed_index(w.stand.punt)
        w.knop_toon.click()
        w.knop_verder.click()
    assert tekst_van(w.feedback.value).startswith("✔ Goed: Uitkomst:")


def test_klasmodus_globaal_en_via_omgeving(monkeypatch: pytest.MonkeyPatch) -> None:
    assert quiz.klasmodus() is False
    monkeypatch.setenv("VOORDEUR_KLASMODUS", "1")
    assert quiz.klasmodus() is True
    assert quiz.toon("voorbeeld").klasmodus
    assert not quiz.toon("voorbeeld", klasmodus=False).klasmodus
    quiz.klasmodus(False)
    assert not quiz.toon("voorbeeld").klasmodus
    quiz.klasmodus(True)
    monkeypatch.delenv("VOORDEUR_KLASMODUS")
    assert quiz.toon("voorbeeld").klasmodus


def test_ids_en_onbekende_id() -> None:
    q = quiz.toon("voorbeeld", ids=["vb-aantal-veilig-thuis", "vb-stappen-meldcode"])
    assert [v.id for v in q.vragen] == ["vb-aantal-veilig-thuis", "vb-stappen-meldcode"]
    with pytest.raises(quiz.QuizFout, match="bestaan niet: vb-niets"):
        quiz.toon("voorbeeld", ids=["vb-niets"])


def test_mimebundle_stabiel_zonder_model_ids() -> None:
    a, b = quiz.toon("voorbeeld"), quiz.toon("voorbeeld")
    ba, bb = a._repr_mimebundle_(), b._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in ba
    assert ba["application/vnd.jupyter.widget-view+json"]["model_id"] == a.widget.model_id
    assert ba["text/plain"] == bb["text/plain"]
    assert a.widget.model_id not in ba["text/plain"]
    # issue 16.2: before the cell runs it says what to do, with the title and the count, never ids
    assert ba["text/plain"].splitlines() == [
        "Voer deze cel uit om de vragen te maken.", "Quiz: Voorbeeld van alle vraagtypen, 5 vragen."]
    assert not any(v.id in ba["text/plain"] for v in a.vragen)
    # issue 16.2: slides (no widget state stored) show the full questions with their options
    assert ba["text/html"] == bb["text/html"]
    assert ba["text/html"].startswith('<div class="vd-quiz-voorbeeld" lang="nl"><p class="vd-vb-prompt">'
                                      "<strong>Voer deze cel uit om de vragen te maken.</strong>")
    assert a.widget.model_id not in ba["text/html"]


VIJANDIGE_BANK = """
bank: vijandig
titel: "<script>alert('titel')</script>"
versie: 1
vragen:
  - id: v1
    type: enkel
    casus: |
      <script>alert('casus')</script>
      **<img src=x onerror="alert(1)">**
    vraag: "<img src=x onerror=alert(2)>"
    hint: "<script>alert('hint')</script>"
    bron: "<a href='javascript:alert(3)'>bron</a>"
    opties:
      - tekst: "<b>optie</b>"
        goed: true
        feedback: "<script>alert('feedback')</script>"
      - tekst: B
        feedback: "<iframe src=x></iframe>"
  - id: v2
    type: scenario
    casus: "<svg onload=alert(4)>"
    start: p1
    punten:
      - id: p1
        tekst: "<script>alert('punt')</script>"
        opties:
          - {tekst: "<i>a</i>", goed: true, feedback: "<img src=x onerror=alert(5)>", uitkomst: u1}
          - {tekst: b, feedback: f, uitkomst: u1}
    uitkomsten:
      - {id: u1, titel: "<script>t</script>", uitleg: "<script>u</script>", goed: true}
"""


def test_vijandige_tekst_wordt_nooit_html(tmp_path: Path) -> None:
    pad = tmp_path / "vijandig.yaml"
    pad.write_text(VIJANDIGE_BANK, encoding="utf-8")
    q = quiz.toon(pad, klasmodus=False)
    e, s = q.weergaven
    e.knop_hint.click()
    e.keuze.value = 0
    e.knop_controleer.click()
    s.keuze.value = 0
    s.knop_controleer.click()
    s.knop_verder.click()
    k = quiz.toon(pad, klasmodus=True)
    k.weergaven[0].knop_toon.click()
    k.weergaven[1].knop_toon.click()

    def html_waarden(widget):  # type: ignore[no-untyped-def]
        if hasattr(widget, "children"):
            for c in widget.children:
                yield from html_waarden(c)
        elif widget.__class__.__name__ == "HTML":
            yield widget.value

    alles = "".join(v for quizje in (q, k) for v in html_waarden(quizje.widget) if "<style>" not in v)
    for gevaarlijk in ("<script", "<img", "<iframe", "<svg", "<a ", "<b>", "<i>", "onerror=\""):
        assert gevaarlijk not in alles
    assert "&lt;script&gt;alert(&#x27;casus&#x27;)&lt;/script&gt;" in alles
    assert "<strong>&lt;img" in alles  # bold still works around escaped text
    # option labels are plain-text widgets: the text is shown literally
    assert e.keuze.options[0][0] in ("<b>optie</b>", "B")
    assert not getattr(e.keuze, "description_allow_html", False)


def test_bewaar_knop_schrijft_nieuw_bestand(q: Quiz, tmp_path: Path) -> None:
    w = q.weergaven[0]
    w.keuze.value = _goed_index(w.vraag)
    w.knop_controleer.click()
    q.knop_bewaar.click()
    assert "Je antwoorden zijn bewaard in het bestand antwoorden-voorbeeld.json" in q.bewaar_melding.value
    q.knop_bewaar.click()
    melding = q.bewaar_melding.value
    assert "antwoorden-voorbeeld-2.json" in melding and "bestond al" in melding
    assert "niet overschreven" in melding
    data = json.loads((tmp_path / "antwoorden-voorbeeld.json").read_text(encoding="utf-8"))
    # the button saves the lesson session in format 2 (docs/dev/antwoordenbestand.md)
    assert data["formaat_versie"] == 2
    assert data["vragen"][0]["eind"]["status"] == "goed" and data["samenvatting"]["goed"] == 1
