"""Checks declared beside their solutions (issue 12 point 3): spec in the solution source, values computed
from the solution's own code at build time, stored in the package file controles.json."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from gereedschap import laad_tool

from voordeur import checks

ROOT = Path(__file__).resolve().parents[1]


controles = laad_tool("controles")
OPGESLAGEN = json.loads((ROOT / "src" / "voordeur" / "controles.json").read_text(encoding="utf-8"))

KOP = """---
jupytext:
  text_representation:
    extension: .md
    format_name: myst
---
# Oefening

```{code-cell}
getallen = [3, 4, 5]
### BEGIN SOLUTION
antwoord_9_1 = sum(getallen) / len(getallen) * 100
### END SOLUTION
```

```{raw-cell}
:tags: [controle]

"""


def _bron(tmp_path: Path, spec: str) -> Path:
    pad = tmp_path / "oefening.md"
    pad.write_text(KOP + spec + "```\n", encoding="utf-8")
    return pad


def test_the_stored_check_file_is_what_the_solutions_compute() -> None:
    assert controles.maak() == (ROOT / "src" / "voordeur" / "controles.json").read_text(encoding="utf-8")
    assert OPGESLAGEN, "no task declares its check beside its solution"


@pytest.mark.parametrize("code", sorted(OPGESLAGEN))
def test_declared_tasks_are_registered_with_the_stored_answer(code: str) -> None:
    assert code in checks.opdrachten()
    assert checks.taak(code).verwacht() == OPGESLAGEN[code]["verwacht"]
    assert checks.controleer(code, OPGESLAGEN[code]["verwacht"]).status == checks.GOED
    # no second copy of the expected answer in the engine
    assert f"def verwacht_{code.replace('.', '_')}" not in Path(checks.__file__).read_text(encoding="utf-8")


def test_values_come_from_the_solution_code_and_the_spec(tmp_path: Path) -> None:
    pad = _bron(tmp_path, """opdracht: "9.1"
titel: Gemiddelde
soort: getal
absoluut: 0.5
hint: Tel op en deel.
goed: Ongeveer {verwacht:0}.
valkuilen:
  - waarde: sum(getallen) / len(getallen)
    hint: Vergeet de 100 niet.
""")
    uit = controles.bereken(pad)["9.1"]
    assert uit["verwacht"] == 400.0 and uit["valkuilen"] == [{"waarde": 4.0, "hint": "Vergeet de 100 niet."}]
    assert uit["absoluut"] == 0.5 and uit["goed"] == "Ongeveer {verwacht:0}."
    check = checks.SOORTEN["getal"](uit)
    assert check(4, []) == (checks.FOUT, "Vergeet de 100 niet.")
    assert check("400", [])[0] == checks.GOED
    assert check(300, [])[1].startswith("Je antwoord is te laag.")


@pytest.mark.parametrize(("spec", "woorden"), [
    ("opdracht: \"9.1\"\nsoort: getal\nhint: h\ngoed: g\n", "'titel'"),
    ("opdracht: \"9.1\"\ntitel: t\nsoort: getal\nhint: h\ngoed: g\nkleur: rood\n", "onbekend veld kleur"),
    ("opdracht: \"9.1\"\ntitel: t\nsoort: getal\nhint: h\ngoed: g\nverwacht: bestaat_niet\n", "NameError"),
    ("opdracht: \"9.1\"\ntitel: t\nsoort: getal\nhint: h\ngoed: g\nvalkuilen:\n  - waarde: 1\n", "valkuil 1"),
    ("titel: [\n", "geen geldige YAML"),
    ("opdracht: \"9.1\"\ntitel: t\nsoort: tekening\nhint: h\ngoed: g\n", "soort 'tekening' ken ik niet"),
    ("opdracht: \"9.1\"\ntitel: t\nsoort: keuze\nhint: h\ngoed: g\n", "'bekend' en 'bekend_hint'"),
    ("opdracht: \"9.1\"\ntitel: t\nsoort: getal\nhint: h\ngoed: g\ndata: bevolking\n", "'data' heeft"),
    ("opdracht: \"9.1\"\ntitel: t\nsoort: getal\nhint: h\ngoed: g\nlet_op: Pas op.\n", "horen samen"),
    ("opdracht: \"9.1\"\ntitel: t\nsoort: getal\nhint: h\ngoed: g\ndata: {tabel: bevolking, kolom: x}\n",
     "'kolom' samen met 'rij'"),
    ("opdracht: \"9.1\"\ntitel: t\nsoort: keuze\nhint: h\ngoed: g\nbekend: '12'\nbekend_hint: b\n",
     "geen lijst"),
])
def test_a_bad_spec_is_a_dutch_message_naming_file_task_and_field(tmp_path: Path, spec: str,
                                                                  woorden: str) -> None:
    with pytest.raises(controles.SpecFout) as fout:
        controles.bereken(_bron(tmp_path, spec))
    assert "oefening.md" in str(fout.value) and woorden in str(fout.value)


def test_specs_are_not_in_the_built_solutions_or_exercises() -> None:
    for map_ in ("solutions", "exercises"):
        for pad in sorted((ROOT / map_).glob("*.ipynb")):
            nb = nbformat.read(pad, as_version=4)
            for cel in nb.cells:
                assert "controle" not in cel.get("metadata", {}).get("tags", []), pad
                assert "valkuilen:" not in cel.source, pad


def test_a_broken_check_file_never_breaks_the_import_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "_OPDRACHTEN", dict(checks._OPDRACHTEN))
    monkeypatch.setattr(checks, "_CONTROLES_FOUT", None)
    for code in OPGESLAGEN:
        checks._OPDRACHTEN.pop(code)
    assert checks._registreer_controles("{kapot") == []
    code = sorted(OPGESLAGEN)[0]
    fb = checks.controleer(code, 1.0)
    assert fb.status == checks.STORING and "niet goed geladen" in fb.tekst and "controles.json" in fb.tekst
    assert checks._registreer_controles('{"9.9": {"soort": "getal"}}') == ["9.9"]
    fb = checks.controleer("9.9", 1.0)
    assert fb.status == checks.STORING and "niet goed geladen" in fb.tekst and "niet compleet" in fb.tekst
    assert checks.controleer("9.9", None).status == checks.LEEG


@pytest.mark.parametrize(("tekst", "uit"), [
    ("Ongeveer {verwacht:0}%.", "Ongeveer 67%."),
    ("{verwacht:2} per klas", "67,21 per klas"),
    ("Ongeveer {verwacht:-1} mensen", "Ongeveer 70 mensen"),
    ("Zonder plek", "Zonder plek"),
])
def test_success_text_shows_the_answer_in_dutch_notation(tekst: str, uit: str) -> None:
    assert checks._opmaak(tekst, 67.2138) == uit


def test_a_rounded_answer_gets_the_rounding_hint_only_when_the_spec_has_one() -> None:
    spec = {"verwacht": 0.78, "relatief": 0.005, "absoluut": 0.05, "geheel": False, "hint": "h", "goed": "g",
            "valkuilen": [], "afgerond": "Rond niet af."}
    assert checks.SOORTEN["getal"](spec)(1, []) == (checks.FOUT, "Rond niet af.")
    assert checks.SOORTEN["getal"]({**spec, "afgerond": ""})(1, [])[1].startswith("Je antwoord is te hoog")


def test_a_choice_check_knows_right_known_and_unknown_texts() -> None:
    spec = {"verwacht": "een-bron", "bekend": ["een-bron", "secundair"], "veld": "status", "goed": "Goed.",
            "bekend_hint": "Bestaat, maar niet deze.", "hint": "Er zijn {aantal} keuzes."}
    check = checks.SOORTEN["keuze"](spec)
    assert check(" 'Een-Bron' ", []) == (checks.GOED, "Goed.")
    assert check("secundair", []) == (checks.FOUT, "Bestaat, maar niet deze.")
    assert check("iets", []) == (checks.FOUT, "Er zijn 2 keuzes.")
    with pytest.raises(checks.Afwijzing, match=r"\['status'\]"):
        check({"status": "een-bron"}, [])


def test_a_check_with_data_reads_the_named_dataset_when_it_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stored answer is only trusted while the data it came from are still readable and unchanged."""
    spec = {**OPGESLAGEN["1.1"]}
    check = checks.SOORTEN["getal"](spec)
    assert check(spec["verwacht"], [])[0] == checks.GOED
    gelezen: list[str] = []
    echt = checks._laad
    monkeypatch.setattr(checks, "_laad", lambda naam: gelezen.append(naam) or echt(naam))
    check(spec["verwacht"], [])
    assert gelezen == ["phgsg_vormen_2020"]
    anders = checks.SOORTEN["getal"]({**spec, "verwacht": spec["verwacht"] + 1})
    monkeypatch.setitem(checks._OPDRACHTEN, "1.1", checks.Opdracht("1.1", "t", anders, lambda: 0.0))
    fb = checks.controleer("1.1", spec["verwacht"] + 1)
    assert fb.status == checks.STORING and "niet goed geladen" in fb.tekst and "opnieuw gebouwd" in fb.tekst
    weg = checks.SOORTEN["getal"]({**spec, "data": {**spec["data"], "rij": {"vorm": "bestaat niet"}}})
    with pytest.raises(checks.DataOnvolledig, match="niet precies één rij"):
        weg(1.0, [])


@pytest.mark.parametrize(("als", "goed"), [
    ("'ongeveer 12' if getallen[0] == 3 else ''", "Goed. Let op: ongeveer 12."),
    ("'ongeveer 12' if getallen[0] == 4 else ''", "Goed."),
])
def test_the_success_note_is_added_only_when_its_expression_gives_a_value(tmp_path: Path, als: str,
                                                                         goed: str) -> None:
    pad = _bron(tmp_path, f"""opdracht: "9.1"
titel: t
soort: getal
hint: h
goed: Goed.
let_op_als: "{als}"
let_op: "Let op: {{waarde}}."
""")
    assert controles.bereken(pad)["9.1"]["goed"] == goed


def test_a_half_year_check_reads_spellings_and_skips_a_trap_that_does_not_apply() -> None:
    spec = {"verwacht": "2022 1e halfjaar", "hint": "Anders.", "goed": "Goed.",
            "valkuilen": [{"waarde": "", "hint": "Niet nu."},
                          {"waarde": "2019 2e halfjaar", "hint": "Valkuil."}]}
    check = checks.SOORTEN["periode"](spec)
    assert check("eerste helft 2022", []) == (checks.GOED, "Goed.")
    assert check((2022, 1), []) == (checks.GOED, "Goed.")
    assert check("2019-H2", []) == (checks.FOUT, "Valkuil.")
    assert check("2020 1e halfjaar", []) == (checks.FOUT, "Anders.")
    assert "alleen een jaar" in check(2022, [])[1]
    assert "niet welk halfjaar" in check("2022", [])[1]


# --- the kinds without code (issue 17): the key is in the declaration ------------------------------------

INDELEN = """opdracht: "9.2"
titel: Feit of interpretatie?
soort: indelen
categorieen: {feit: feit, interpretatie: interpretatie}
items:
  z1: "Om 8.35 uur had Liv een rode plek op haar wang."
  z2: "Liv is een angstig kind."
antwoorden: {z1: feit, z2: interpretatie}
hints:
  z2: "'Angstig' heb je niet gezien."
goed: Goed.
"""
KIEZEN = """opdracht: "9.2"
titel: Kies
soort: kiezen
vragen:
  a:
    vraag: Welke zin is feitelijk?
    opties: {A: "Moeder leek boos.", B: "Moeder zei: 'Nee.'", C: "Moeder is agressief."}
    antwoord: B
    hints: {A: "Een indruk.", C: "Een oordeel."}
goed: Goed.
"""
MEER = """opdracht: "9.2"
titel: Meer
soort: meer-kiezen
opties: {a: De tijd, b: Je mening, c: Letterlijke woorden}
antwoord: [a, c]
goed: Goed.
"""
VOLGORDE = """opdracht: "9.2"
titel: Stappen
soort: volgorde
items: {kijken: In kaart brengen, overleg: Overleggen, gesprek: In gesprek gaan}
antwoord: [kijken, overleg, gesprek]
goed: Goed.
"""
FORMULIER = """opdracht: "9.2"
titel: Aantekening
soort: formulier
velden:
  zag:
    label: Wat zag je?
    regels:
      - niet: [lijkt]
        hint: Een indruk.
      - moet: ["[0-9]"]
        hint: Noem de tijd.
    voorbeeld: Om 8.35 uur zag ik een rode plek.
goed: Goed.
"""


@pytest.mark.parametrize("spec", [INDELEN, KIEZEN, MEER, VOLGORDE, FORMULIER],
                         ids=["indelen", "kiezen", "meer-kiezen", "volgorde", "formulier"])
def test_a_kind_without_code_compiles_its_key_from_the_declaration(tmp_path: Path, spec: str) -> None:
    uit = controles.bereken(_bron(tmp_path, spec))["9.2"]
    assert uit["bron"].endswith("oefening.md") and uit["soort"] in checks.SOORTEN
    from voordeur import oefenvormen

    regel = oefenvormen.uit_json(uit)
    check = checks.SOORTEN[uit["soort"]](regel)
    assert check(uit["verwacht"], [])[0] == checks.GOED
    assert json.loads(json.dumps(uit)) == uit  # what controles.json stores


def _vervang(spec: str, oud: str, nieuw: str) -> str:
    assert oud in spec, oud
    return spec.replace(oud, nieuw)


@pytest.mark.parametrize(("spec", "woorden"), [
    (_vervang(INDELEN, "goed: Goed.\n", ""), "'goed' ontbreekt"),
    (_vervang(INDELEN, "titel: Feit of interpretatie?\n", ""), "'titel' ontbreekt"),
    (INDELEN + "kleur: rood\n", "onbekend veld kleur"),
    (INDELEN + "hint: h\n", "onbekend veld hint"),
    (_vervang(INDELEN, "antwoorden: {z1: feit, z2: interpretatie}\n", ""), "'antwoorden' ontbreekt"),
    (_vervang(INDELEN, "{z1: feit, z2: interpretatie}", "{z1: feit, z2: interpretatie, z3: feit}"),
     "item 'z3', maar dat staat niet bij 'items'"),
    (_vervang(INDELEN, "{z1: feit, z2: interpretatie}", "{z1: feit, z2: mening}"),
     "de categorie 'mening', maar die staat niet bij 'categorieen'"),
    (_vervang(INDELEN, "{z1: feit, z2: interpretatie}", "{z1: feit}"), "mist item 'z2'"),
    (_vervang(INDELEN, "  z2: \"'Angstig'", "  z9: \"'Angstig'"), "'hints' noemt item 'z9'"),
    (_vervang(INDELEN, "{feit: feit, interpretatie: interpretatie}", "[feit]"), "maar één"),
    (_vervang(INDELEN, "  z2: \"Liv is een angstig kind.\"", "  Z1: \"Liv is een angstig kind.\""),
     "dezelfde naam"),
    (_vervang(INDELEN, "Liv is een angstig kind.", "Om 8.35 uur had Liv een rode plek op haar wang."),
     "twee keer"),
    (_vervang(INDELEN, "items:\n", "items: geen\nx:\n"), "onbekend veld x"),
    (_vervang(INDELEN, "goed: Goed.", "goed: Goed.\ndeels: '{goed} van {alle}'"), "{goed} en {totaal}"),
    (_vervang(KIEZEN, "antwoord: B", "antwoord: D"), "'antwoord' (D) is geen van de opties"),
    (_vervang(KIEZEN, "hints: {A: \"Een indruk.\", C: \"Een oordeel.\"}", "hints: {A: \"Een indruk.\"}"),
     "de foute optie 'C' heeft geen hint"),
    (_vervang(KIEZEN, "C: \"Een oordeel.\"", "C: \"Een oordeel.\", B: \"Goed.\""),
     "hint bij het goede antwoord"),
    (_vervang(KIEZEN, "    vraag: Welke zin is feitelijk?\n", ""), "vraag 'a': het veld 'vraag' ontbreekt"),
    (_vervang(KIEZEN, "    antwoord: B\n", "    antwoord: B\n    punten: 2\n"),
     "vraag 'a': onbekend veld punten"),
    (_vervang(MEER, "antwoord: [a, c]", "antwoord: [a, x]"), "'antwoord' noemt 'x'"),
    (_vervang(MEER, "antwoord: [a, c]", "antwoord: [a, c]\nhints: {q: waarom}"), "'hints' noemt optie 'q'"),
    (_vervang(VOLGORDE, "antwoord: [kijken, overleg, gesprek]", "antwoord: [kijken, overleg]"),
     "'antwoord' mist gesprek"),
    (_vervang(VOLGORDE, "antwoord: [kijken, overleg, gesprek]", "antwoord: [kijken, kijken, gesprek]"),
     "twee keer"),
    ("opdracht: \"9.2\"\ntitel: t\nsoort: volgorde\nitems: {s1: a, s2: b, s3: c}\nantwoord: [s1, s2, s3]\n"
     "goed: g\n", "verraden de volgorde"),
    (_vervang(FORMULIER, "        hint: Noem de tijd.\n", ""), "regel 2: een regel heeft precies één van"),
    (_vervang(FORMULIER, '["[0-9]"]', '["[0-9"]'), "geen geldige regex"),
    (_vervang(FORMULIER, "    voorbeeld: Om 8.35 uur zag ik een rode plek.\n", ""), "geen voorbeeldantwoord"),
    (_vervang(FORMULIER, "Om 8.35 uur zag ik een rode plek.", "Het lijkt me niet goed."),
     "voldoet niet aan regel 1"),
    (_vervang(FORMULIER, "      - niet: [lijkt]\n", "      - niet: [lijkt]\n        ook: x\n"),
     "onbekend veld ook"),
    (_vervang(FORMULIER, "    label: Wat zag je?\n", ""), "het veld 'label' ontbreekt"),
    (_vervang(FORMULIER, "goed: Goed.", "goed: Goed.\nvoorbeeld: {waar: thuis}"),
     "'voorbeeld' noemt veld 'waar'"),
])
def test_a_broken_declaration_without_code_is_a_dutch_message(tmp_path: Path, spec: str,
                                                              woorden: str) -> None:
    with pytest.raises(controles.SpecFout) as fout:
        controles.bereken(_bron(tmp_path, spec))
    bericht = str(fout.value)
    assert "oefening.md: controle 9.2:" in bericht and woorden in bericht, bericht
