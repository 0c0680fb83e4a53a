"""The exercise kinds without code (issue 17): judging per item, the code route, the listing, the form."""

from __future__ import annotations

import re
from typing import Any

import pytest

from voordeur import checks, oefenvormen
from voordeur.checks import DEELS, FOUT, GOED, LEEG, ONLEESBAAR, STORING, controleer

INDELEN: dict[str, Any] = {
    "opdracht": "9.1",
    "titel": "Feit of interpretatie?",
    "soort": "indelen",
    "vraag": "Is het een feit of een interpretatie?",
    "categorieen": {"feit": "Feit", "interpretatie": "Interpretatie", "vraag": "Vraag"},
    "items": {
        "z1": "Om 8.35 uur had Liv een rode plek op haar wang.",
        "z2": "Liv is een angstig kind.",
        "z3": "Vader heeft haar vast geslagen.",
    },
    "antwoorden": {"z1": "feit", "z2": "interpretatie", "z3": "interpretatie"},
    "hints": {"z2": "'Angstig' heb je niet gezien."},
    "uitleg": {"z1": "Wat je zag, met tijd en plek."},
    "goed": "Alles goed.",
    "deels": "Je hebt er {goed} van de {totaal} goed.",
    "bron": "Meldcode stap 1",
}
KIEZEN: dict[str, Any] = {
    "opdracht": "9.2",
    "titel": "Kies",
    "soort": "kiezen",
    "goed": "Goed gekozen.",
    "vragen": {
        "a": {
            "vraag": "Welke zin is feitelijk?",
            "opties": {"A": "Moeder leek boos.", "B": "Moeder zei: 'Nee.'"},
            "antwoord": "B",
            "hints": {"A": "'Leek' is jouw indruk."},
        },
        "b": {
            "vraag": "Wie bel je voor advies?",
            "opties": {"A": "Veilig Thuis", "B": "De buren", "C": "Niemand"},
            "antwoord": "A",
            "hints": {"B": "De buren zijn geen deskundigen.", "C": "Je hoeft het niet alleen te doen."},
            "uitleg": "Advies vragen kan anoniem.",
        },
    },
}
MEER: dict[str, Any] = {
    "opdracht": "9.3",
    "titel": "Meer",
    "soort": "meer-kiezen",
    "goed": "Alles goed.",
    "opties": {"a": "De tijd", "b": "Je mening", "c": "Letterlijke woorden"},
    "antwoord": ["a", "c"],
    "hints": {"b": "Een mening is geen feit.", "c": "Letterlijke woorden zijn sterk bewijs."},
}
VOLGORDE: dict[str, Any] = {
    "opdracht": "9.4",
    "titel": "Stappen",
    "soort": "volgorde",
    "goed": "Goede volgorde.",
    "items": {
        "kijken": "In kaart brengen van signalen",
        "overleg": "Collegiale consultatie",
        "gesprek": "Gesprek met de betrokkene",
        "besluit": "Beslissen",
    },
    "antwoord": ["kijken", "overleg", "gesprek", "besluit"],
    "hints": {"gesprek": "Eerst overleg je, daarna praat je met de betrokkene."},
}
FORMULIER: dict[str, Any] = {
    "opdracht": "9.5",
    "titel": "Aantekening",
    "soort": "formulier",
    "goed": "Feitelijk en compleet.",
    "velden": {
        "zag": {
            "label": "Wat zag je?",
            "regels": [
                {"niet": ["lijkt", "angstig"], "hint": "Dat is een indruk."},
                {"moet": ["[0-9]"], "hint": "Noem de tijd."},
                {"min_woorden": 6, "hint": "Schrijf meer op."},
                {"max_woorden": 40, "hint": "Houd het kort."},
            ],
            "voorbeeld": "Om 8.35 uur zag ik een rode plek op haar wang.",
        },
        "deed": {
            "label": "Wat deed je?",
            "regels": [{"moet": ["collega|overleg"], "hint": "Met wie besprak je het?"}],
            "voorbeeld": "Ik besprak het met een collega.",
        },
    },
    "voorbeeld": "Om 8.35 uur zag ik een rode plek. Ik besprak het met een collega.",
}
SPECS = [INDELEN, KIEZEN, MEER, VOLGORDE, FORMULIER]


def _regel(spec: dict[str, Any]) -> dict[str, Any]:
    """As the engine gets it: compiled, through the JSON form of controles.json and back."""
    return oefenvormen.uit_json(oefenvormen.naar_json(oefenvormen.compileer(spec)))


def _check(spec: dict[str, Any], antwoord: Any, monkeypatch: pytest.MonkeyPatch) -> checks.Feedback:
    """``controleer`` on a task registered for this test only."""
    regel = _regel(spec)
    code = spec["opdracht"]
    monkeypatch.setitem(
        checks._OPDRACHTEN,
        code,
        checks.Opdracht(
            code, regel["titel"], checks.SOORTEN[regel["soort"]](regel), lambda: regel["verwacht"]
        ),
    )
    monkeypatch.setitem(checks._SPECS, code, regel)
    return controleer(code, antwoord)


# --- every kind: the shared verdicts -----------------------------------------------------------------


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s["soort"])
def test_the_stored_key_is_right_and_the_json_form_keeps_the_order(
    spec: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    regel = _regel(spec)
    fb = _check(spec, regel["verwacht"], monkeypatch)
    assert fb.status == GOED, fb.platte_tekst()
    assert fb.platte_tekst().startswith(f"Opdracht {spec['opdracht']} · ✔ Goed!")
    for veld in ("items", "opties", "velden", "vragen", "categorieen"):
        if veld in spec:
            assert list(regel[veld]) == list(spec[veld])  # the order shown is the order declared


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s["soort"])
@pytest.mark.parametrize("leeg", [None, ..., "", "vul hier je antwoord in"])
def test_an_unfilled_stub_says_not_filled_in(
    spec: dict[str, Any], leeg: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    fb = _check(spec, leeg, monkeypatch)
    assert fb.status == LEEG and "Nog niet ingevuld" in fb.tekst


@pytest.mark.parametrize(
    ("spec", "leeg"),
    [
        (INDELEN, {}),
        (KIEZEN, {}),
        (MEER, []),
        (MEER, set()),
        (VOLGORDE, []),
        (FORMULIER, {"zag": "  ", "deed": ""}),
    ],
)
def test_an_empty_answer_is_leeg_and_not_an_attempt(
    spec: dict[str, Any], leeg: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    fb = _check(spec, leeg, monkeypatch)
    assert fb.status == LEEG and "nog niets" in fb.tekst.lower(), fb.platte_tekst()


@pytest.mark.parametrize(
    ("spec", "verkeerd", "woorden"),
    [
        (INDELEN, ["feit", "interpretatie"], "woordenboek (dict)"),
        (KIEZEN, 3, "woordenboek (dict)"),
        (FORMULIER, ["tekst"], "woordenboek (dict)"),
        (MEER, {"a": True}, "lijst met [ ]"),
        (VOLGORDE, "kijken", "mist nog 3 van de 4 stappen (besluit, gesprek, overleg)"),
        (VOLGORDE, {"kijken", "overleg", "gesprek", "besluit"}, "geen volgorde"),
        (MEER, 12, "lijst met [ ]"),
    ],
)
def test_an_answer_of_the_wrong_type_is_named(
    spec: dict[str, Any], verkeerd: Any, woorden: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fb = _check(spec, verkeerd, monkeypatch)
    assert fb.status == ONLEESBAAR and woorden in fb.tekst, fb.platte_tekst()
    assert "Traceback" not in fb.platte_tekst()


@pytest.mark.parametrize(
    ("spec", "antwoord", "woorden"),
    [
        (INDELEN, {"z1": "feit", "z9": "feit"}, "'z9' ken ik niet"),
        (INDELEN, {"z1": "groen"}, "geen groep"),
        (INDELEN, {"z1": ["feit", "interpretatie"]}, "precies één groep"),
        (INDELEN, {"z1": "feit", " Z1 ": "feit"}, "twee keer"),
        (KIEZEN, {"a": "D"}, "geen van de opties"),
        (KIEZEN, {"c": "A"}, "'c' ken ik niet"),
        (MEER, ["a", "x"], "'x' is geen van de opties"),
        (VOLGORDE, ["kijken", "kijken", "gesprek", "besluit"], "twee keer"),
        (VOLGORDE, ["kijken", "overleg"], "mist nog 2 van de 4"),
        (VOLGORDE, ["kijken", "overleg", "gesprek", "besluit", "bellen"], "geen van de stappen"),
        (FORMULIER, {"zag": 12.5, "waar": "thuis"}, "'waar' ken ik niet"),
        (FORMULIER, {"zag": ["een", "lijst"]}, "geen tekst"),
    ],
)
def test_unknown_or_doubled_items_are_refused_with_their_name(
    spec: dict[str, Any], antwoord: Any, woorden: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    fb = _check(spec, antwoord, monkeypatch)
    assert fb.status == ONLEESBAAR and woorden in fb.tekst, fb.platte_tekst()


# --- indelen -------------------------------------------------------------------------------------------


def test_indelen_gives_feedback_per_item(monkeypatch: pytest.MonkeyPatch) -> None:
    fb = _check(INDELEN, {"z1": "Feit", "z2": "feit"}, monkeypatch)
    assert fb.status == DEELS
    assert fb.tekst.startswith("Je hebt er 1 van de 3 goed.") and "nog niet gedaan" in fb.tekst
    z1, z2, z3 = fb.details
    assert z1.startswith("✔ Goed · z1") and "Wat je zag, met tijd en plek." in z1
    assert z2.startswith("✘ Nog niet goed · z2") and "'Angstig' heb je niet gezien." in z2
    assert z3.startswith("ℹ Let op · z3") and "nog niet ingedeeld" in z3
    assert not fb.na_afloop  # the source only after success
    tekst = fb.platte_tekst()
    assert "\n  ✔ Goed · z1" in tekst and "<" not in tekst


def test_indelen_wrong_without_hint_does_not_name_the_right_group(monkeypatch: pytest.MonkeyPatch) -> None:
    fb = _check(INDELEN, {"z1": "vraag", "z2": "interpretatie", "z3": "feit"}, monkeypatch)
    assert fb.status == DEELS
    regel_z1 = fb.details[0]
    assert "niet 'Vraag'" in regel_z1 and "Feit" not in regel_z1.split(":", 1)[1]


def test_indelen_all_wrong_is_fout_and_right_shows_the_source(monkeypatch: pytest.MonkeyPatch) -> None:
    fb = _check(INDELEN, {"z1": "vraag", "z2": "vraag", "z3": "feit"}, monkeypatch)
    assert fb.status == FOUT and "0 van de 3" in fb.tekst
    fb = _check(INDELEN, {"z1": "FEIT", "z2": "Interpretatie", "z3": "interpretatie"}, monkeypatch)
    assert fb.status == GOED and fb.tekst == "Alles goed." and fb.na_afloop == "Bron: Meldcode stap 1"
    assert (
        "Bron: Meldcode stap 1" in fb.platte_tekst() and "vd-na-afloop" in fb._repr_mimebundle_()["text/html"]
    )


# --- kiezen --------------------------------------------------------------------------------------------


def test_kiezen_judges_each_sub_question_with_the_hint_of_the_chosen_option(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fb = _check(KIEZEN, {"a": "a", "b": "C"}, monkeypatch)
    assert fb.status == FOUT
    assert "'Leek' is jouw indruk." in fb.details[0] and "niet alleen" in fb.details[1]
    fb = _check(KIEZEN, {"a": "Moeder zei: 'Nee.'", "b": "B"}, monkeypatch)  # the option's text is fine too
    assert fb.status == DEELS and fb.details[0].startswith("✔ Goed")
    fb = _check(KIEZEN, {"a": "B"}, monkeypatch)
    assert fb.status == DEELS and fb.details[1].startswith("ℹ Let op")
    fb = _check(KIEZEN, {"a": "B", "b": "a"}, monkeypatch)
    assert fb.status == GOED and "anoniem" in fb.details[1]


def test_kiezen_with_one_question_takes_a_bare_letter(monkeypatch: pytest.MonkeyPatch) -> None:
    een = {**KIEZEN, "vragen": {"a": KIEZEN["vragen"]["a"]}}
    assert _check(een, "b", monkeypatch).status == GOED
    assert _check(een, "A", monkeypatch).status == FOUT


# --- meer-kiezen ---------------------------------------------------------------------------------------


def test_meer_kiezen_counts_like_the_quiz_and_never_names_the_missing_option(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fb = _check(MEER, ["a"], monkeypatch)
    assert fb.status == DEELS and "1 van de 2" in fb.tekst and "ontbreekt er nog één" in fb.tekst
    gemist = fb.details[-1]
    assert "Letterlijke woorden zijn sterk bewijs." in gemist and "Letterlijke woorden (" not in gemist
    assert " c " not in f" {gemist} ".replace("·", " ")
    fb = _check(MEER, ["a", "b"], monkeypatch)
    assert fb.status == FOUT and "Een mening is geen feit." in fb.platte_tekst()  # (1 - 1) / 2 = 0
    assert _check(MEER, {"c", "a"}, monkeypatch).status == GOED
    assert _check(MEER, ("De tijd", "letterlijke woorden"), monkeypatch).status == GOED
    assert _check(MEER, "a, c", monkeypatch).status == GOED
    fb = _check(MEER, ["a", "a", "c"], monkeypatch)
    assert fb.status == GOED  # a doubled choice is one choice


# --- volgorde ------------------------------------------------------------------------------------------


def test_volgorde_judges_each_place(monkeypatch: pytest.MonkeyPatch) -> None:
    fb = _check(VOLGORDE, ["kijken", "gesprek", "overleg", "besluit"], monkeypatch)
    assert fb.status == DEELS and "2 van de 4" in fb.tekst
    assert fb.details[1].startswith("✘ Nog niet goed · gesprek") and "nu plek 2" in fb.details[1]
    assert "Eerst overleg je" in fb.details[1]
    assert "hoort eerder" in fb.details[2]
    fb = _check(VOLGORDE, ["besluit", "gesprek", "kijken", "overleg"], monkeypatch)
    assert fb.status == FOUT
    teksten = [VOLGORDE["items"][k] for k in VOLGORDE["antwoord"]]
    assert _check(VOLGORDE, teksten, monkeypatch).status == GOED


@pytest.mark.parametrize("seed", range(60))
def test_volgorde_never_starts_solved(seed: int) -> None:
    regel = _regel(VOLGORDE)
    begin = oefenvormen.begin_volgorde("9.4", regel, seed)
    assert sorted(begin) == sorted(regel["verwacht"])
    assert all(a != b for a, b in zip(begin, regel["verwacht"], strict=True))
    assert begin == oefenvormen.begin_volgorde("9.4", regel, seed)  # seeded: the same every time


# --- formulier -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("tekst", "hints"),
    [
        ("Om 8.35 uur zag ik een rode plek op haar wang.", []),
        ("Liv lijkt bang, om 9 uur zag ik dat ze huilde.", ["Dat is een indruk."]),
        ("Liv was ANGSTIGE dingen aan het zeggen vandaag.", ["Dat is een indruk.", "Noem de tijd."]),
        ("Om 9 uur huilde ze.", ["Schrijf meer op."]),
        (" ".join(["woord"] * 41) + " 9", ["Houd het kort."]),
    ],
)
def test_formulier_applies_every_rule_of_a_field(
    tekst: str, hints: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    fb = _check(FORMULIER, {"zag": tekst, "deed": "Ik overlegde met een collega."}, monkeypatch)
    zag = fb.details[0]
    if hints:
        assert fb.status == DEELS and zag.startswith("✘ Nog niet goed · zag")
        for hint in hints:
            assert hint in zag
    else:
        assert fb.status == GOED and zag.startswith("✔ Goed · zag")


def test_formulier_shows_the_model_answer_after_every_counted_check(monkeypatch: pytest.MonkeyPatch) -> None:
    fb = _check(FORMULIER, {"zag": "Liv lijkt angstig.", "deed": ""}, monkeypatch)
    assert fb.status == FOUT and "Een voorbeeld van een goed antwoord:" in fb.na_afloop
    assert FORMULIER["voorbeeld"] in fb.platte_tekst()
    assert (
        _check(FORMULIER, "Om 8.35 uur zag ik een rode plek op haar wang.", monkeypatch).status == ONLEESBAAR
    )
    een = {**FORMULIER, "velden": {"zag": FORMULIER["velden"]["zag"]}}
    assert _check(een, "Om 8.35 uur zag ik een rode plek op haar wang.", monkeypatch).status == GOED


def test_a_single_field_form_takes_its_model_answer_from_the_common_voorbeeld() -> None:
    veld = {k: v for k, v in FORMULIER["velden"]["zag"].items() if k != "voorbeeld"}
    regel = oefenvormen.compileer(
        {**FORMULIER, "velden": {"zag": veld}, "voorbeeld": "Om 8.35 uur zag ik een rode plek op haar wang."}
    )
    assert regel["verwacht"] == {"zag": "Om 8.35 uur zag ik een rode plek op haar wang."}


# --- the listing (text/plain) ----------------------------------------------------------------------------


def test_the_listing_names_items_options_and_the_code_route_without_the_key() -> None:
    tekst = oefenvormen.als_tekst("9.1", _regel(INDELEN))
    assert tekst.splitlines()[0] == "Opdracht 9.1 · Feit of interpretatie?"
    for item in INDELEN["items"].values():
        assert item in tekst
    assert "Feit" in tekst and 'controleer("9.1", {"z1": "...", "z2": "...", "z3": "..."})' in tekst
    tekst = oefenvormen.als_tekst("9.2", _regel(KIEZEN))
    assert "Vraag b: Wie bel je voor advies?" in tekst and "  C. Niemand" in tekst
    tekst = oefenvormen.als_tekst("9.4", _regel(VOLGORDE))
    getoond = [re.sub(r'^\s+"(\w+)":.*', r"\1", r) for r in tekst.splitlines() if r.startswith('  "')]
    assert sorted(getoond) == sorted(VOLGORDE["antwoord"]) and getoond != VOLGORDE["antwoord"]
    assert "Wat zag je?" in oefenvormen.als_tekst("9.5", _regel(FORMULIER))


# --- registered tasks: the odd-input tests of test_checks.py run over these too ---------------------------


def test_every_kind_without_code_has_a_registered_task() -> None:
    soorten = {checks._SPECS[c]["soort"] for c in checks.opdrachten() if c in checks._SPECS}
    assert soorten == set(oefenvormen.SOORTEN)


# --- the form (ipywidgets, no browser) ---------------------------------------------------------------------


def _zonder_html(x: str) -> str:
    return re.sub(r"<[^>]+>", " ", x)


@pytest.fixture
def opdrachten(monkeypatch: pytest.MonkeyPatch) -> None:
    for spec in SPECS:
        regel = _regel(spec)
        code = spec["opdracht"]
        monkeypatch.setitem(
            checks._OPDRACHTEN,
            code,
            checks.Opdracht(
                code, regel["titel"], checks.SOORTEN[regel["soort"]](regel), lambda r=regel: r["verwacht"]
            ),
        )
        monkeypatch.setitem(checks._SPECS, code, regel)


@pytest.mark.usefixtures("opdrachten")
def test_the_form_shows_per_item_feedback_and_keeps_answers_on_retry(monkeypatch: pytest.MonkeyPatch) -> None:
    vorm = checks.oefen("9.1")
    bundel = vorm._repr_mimebundle_()
    assert bundel["text/plain"] == oefenvormen.als_tekst("9.1", checks._SPECS["9.1"])
    assert "application/vnd.jupyter.widget-view+json" in bundel
    v = vorm.weergave
    assert {"vd-vraag", "vd-vraag-oefening-9-1", "vd-type-indelen"} <= set(v.box._dom_classes)
    gefocust: list[str] = []
    monkeypatch.setattr(v.knop_opnieuw, "focus", lambda: gefocust.append("opnieuw"))
    r = v.bij_controleer()  # nothing chosen: the form stays open, not an attempt
    assert r.status == LEEG and not v.knop_controleer.layout.display and not gefocust
    groepen = list(v.groepen.values())
    assert [g.description for g in groepen] == [
        f"{n}. {t}" for n, t in enumerate(INDELEN["items"].values(), 1)
    ]
    assert groepen[0].labels == ["Feit", "Interpretatie", "Vraag"]
    groepen[0].value, groepen[1].value = "feit", "feit"
    r = v.bij_controleer()
    tekst = _zonder_html(v.feedback.value)
    assert r.status == DEELS and "Gedeeltelijk goed" in tekst  # words, not only colour
    assert "✔ Goed · 1. Om 8.35 uur" in tekst and "✘ Nog niet goed · 2. Liv is een angstig kind." in tekst
    assert "z1" not in tekst  # the form numbers the items; ids are for the code route
    assert gefocust == ["opnieuw"] and all(g.disabled for g in groepen)
    assert v.knop_controleer.layout.display == "none"
    v.opnieuw()
    assert [g.value for g in groepen] == ["feit", "feit", None] and not any(g.disabled for g in groepen)
    groepen[1].value, groepen[2].value = "interpretatie", "interpretatie"
    r = v.bij_controleer()
    assert r.status == GOED and "Bron: Meldcode stap 1" in _zonder_html(v.feedback.value)
    assert gefocust == ["opnieuw", "opnieuw"]
    assert v.sessie.pogingen(v.vraag.id) == 2


@pytest.mark.usefixtures("opdrachten")
def test_each_kind_has_its_inputs() -> None:
    v = checks.oefen("9.2").weergave
    v.groepen["a"].value = "B"
    assert v.sleutel_antwoord() == {"a": "B"} and v.bij_controleer().status == DEELS
    v = checks.oefen("9.3").weergave
    v.vakjes["a"].value = v.vakjes["c"].value = True
    assert v.bij_controleer().status == GOED
    v = checks.oefen("9.4").weergave
    assert v.sleutel_antwoord() != VOLGORDE["antwoord"]  # shuffled, never solved at the start
    while v.sleutel_antwoord() != VOLGORDE["antwoord"]:  # sort with the quiz's ↑ buttons
        nu = v.sleutel_antwoord()
        plek = next(i for i, (a, b) in enumerate(zip(nu, VOLGORDE["antwoord"], strict=True)) if a != b)
        v.omhoog(nu.index(VOLGORDE["antwoord"][plek]))
    assert v.bij_controleer().status == GOED
    v = checks.oefen("9.5").weergave
    v.vakken["zag"].value = "Liv lijkt angstig."
    assert v.bij_controleer().status == FOUT
    assert "Een voorbeeld van een goed antwoord" in _zonder_html(v.feedback.value)
    assert v.vakken["zag"].description == "Wat zag je?"


@pytest.mark.parametrize("code", ["1.1", "9.9", None, 7, ["0.1"]])
def test_oefen_never_raises(code: Any) -> None:
    uit = checks.oefen(code)
    assert isinstance(uit, checks.Feedback) and uit.status == STORING
    assert "Traceback" not in uit.platte_tekst()
    if code == "1.1":
        assert 'controleer("1.1", antwoord)' in uit.tekst


def test_oefen_with_a_broken_entry_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(checks._SPECS, "9.9", {"soort": "indelen"})
    monkeypatch.setitem(checks._OPDRACHTEN, "9.9", checks.taak("1.1"))
    uit = checks.oefen("9.9")
    assert isinstance(uit, checks.Feedback) and uit.status == STORING and "docent" in uit.tekst
