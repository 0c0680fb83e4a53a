"""Hostile and broken banks: bombs, odd files, content that is accepted while broken, notebook misuse.

Each kind has several inputs of its own. ``check`` and ``laad_bank``/``quiz.toon`` must give a Dutch
message that names the file (and line), never a traceback, never hang.
"""

from __future__ import annotations

import codecs
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT

from voordeur import quiz
from voordeur.quiz.bank import controleer_bank, controleer_bank_volledig, controleer_tekst, laad_bank

KOP = "bank: test\ntitel: Test\nversie: 1\nvragen:\n"

ENKEL = """  - id: e1
    type: enkel
    vraag: Wat doe je?
    opties:
      - tekst: Ik bespreek het met een collega
        goed: true
        feedback: Goed.
      - tekst: Niets
        feedback: Nee.
"""


def _bank(tmp_path: Path, tekst: str, naam: str = "test.yaml") -> Path:
    pad = tmp_path / naam
    pad.write_text(tekst, encoding="utf-8")
    return pad


def _meldingen(tekst: str) -> list[str]:
    return [str(p) for p in controleer_tekst(tekst, "t.yaml")[0]]


# --- resource bombs ------------------------------------------------------------------------------------

def _lach(n: int) -> str:
    regels = [KOP + ENKEL, 'extra0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, n):
        regels.append(f"extra{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 10) + "]")
    return "\n".join(regels) + "\n"


BOMMEN = {
    "billion-laughs": _lach(10),
    "alias-in-feedback": KOP + ENKEL.replace("feedback: Goed.", "feedback: &fb Goed.").replace(
        "feedback: Nee.", "feedback: *fb"),
    "recursief-anker": KOP + "  - &v [*v]\n",
    "recursief-mapping": KOP + "  - &v {id: x, type: enkel, zelf: *v}\n",
    "merge-key": KOP + ENKEL + "  - <<: *niets\n",
    "diep-flow": KOP + "  - " + "[" * 5000 + "]" * 5000 + "\n",
    "diep-mapping": KOP + "  - " + "{a: " * 3000 + "1" + "}" * 3000 + "\n",
    "diep-blok": KOP + "".join(f"{'  ' * (i + 2)}- \n" for i in range(120)) + "  " * 122 + "- x\n",
}


@pytest.mark.parametrize("naam", sorted(BOMMEN))
def test_bombs_are_refused_in_a_second(tmp_path: Path, naam: str) -> None:
    pad = _bank(tmp_path, BOMMEN[naam])
    begin = time.perf_counter()
    problemen = controleer_bank(pad)
    assert time.perf_counter() - begin < 2
    assert len(problemen) == 1, problemen
    p = problemen[0]
    assert p.bestand == str(pad) and p.regel is not None
    assert any(w in p.melding for w in ("ankers", "diep genest", "geen geldige YAML")), p.melding
    with pytest.raises(quiz.QuizFout):
        laad_bank(pad)
    with pytest.raises(quiz.QuizFout):
        quiz.toon(pad)


def test_ten_thousand_questions_in_seconds(tmp_path: Path) -> None:
    vragen = "".join(ENKEL.replace("id: e1", f"id: e{i}").replace("Niets", f"Niets {i}")
                     for i in range(10_000))
    pad = _bank(tmp_path, KOP + vragen)
    begin = time.perf_counter()
    uitslag = controleer_bank_volledig(pad)
    duur = time.perf_counter() - begin
    print(f"\n10.000 questions ({pad.stat().st_size / 1e6:.1f} MB) checked in {duur:.1f} s")
    assert uitslag.problemen == [] and uitslag.bank is not None and len(uitslag.bank.vragen) == 10_000
    assert duur < 30  # about 3 s on one free core; generous for a shared CI machine


def test_a_question_with_thousands_of_options_is_quick() -> None:
    opties = "".join(f"      - tekst: Optie nummer {i} met wat tekst\n        feedback: x\n"
                     for i in range(5000))
    tekst = KOP + ENKEL + opties
    begin = time.perf_counter()
    assert _meldingen(tekst) == []
    assert time.perf_counter() - begin < 10


def test_a_scenario_with_thousands_of_points_is_quick() -> None:
    n = 3000
    punten = "".join(
        f"      - id: p{i}\n        tekst: t\n        opties:\n          - tekst: verder\n"
        f"            goed: true\n            feedback: j\n            naar: p{i + 1}\n"
        "          - tekst: stop\n            feedback: n\n            uitkomst: slecht\n" for i in range(n))
    punten += (f"      - id: p{n}\n        tekst: t\n        opties:\n          - tekst: klaar\n"
               "            goed: true\n            feedback: j\n            uitkomst: goed\n")
    tekst = (KOP + "  - id: s1\n    type: scenario\n    casus: c\n    start: p0\n    punten:\n" + punten
             + "    uitkomsten:\n      - id: goed\n        titel: g\n        uitleg: u\n        goed: true\n"
             "      - id: slecht\n        titel: s\n        uitleg: u\n")
    begin = time.perf_counter()
    assert _meldingen(tekst) == []
    assert time.perf_counter() - begin < 15


# --- broken but accepted ----------------------------------------------------------------------------------

GETAL = """  - id: g1
    type: getal
    vraag: Hoeveel?
    antwoord: {antwoord}
    marge: {marge}
"""


@pytest.mark.parametrize(("antwoord", "marge"), [
    (".inf", "0"), ("-.inf", "0"), (".nan", "0"), (".NaN", "0"), ("+.INF", "0"),
    ("9.2", ".inf"), ("9.2", ".nan"), ("9.2", ".Inf"), ("1.0e+400", "0"), ('"1e999"', "0"),
    ("9.2", "1.5e+999"), ("9.2", '"1e999"'),
])
def test_inf_and_nan_are_problems(antwoord: str, marge: str) -> None:
    meldingen = _meldingen(KOP + GETAL.format(antwoord=antwoord, marge=marge))
    assert any(("geen gewoon getal" in m or "oneindig" in m) and "regel " in m for m in meldingen), meldingen


@pytest.mark.parametrize("sleutel", [".inf", ".nan", "12", "true", "null", "3.5"])
def test_keys_that_are_not_names(sleutel: str) -> None:
    tekst = KOP + ENKEL.replace("    vraag: Wat doe je?", f"    vraag: Wat doe je?\n    {sleutel}: x")
    meldingen = _meldingen(tekst)
    assert any("geen veldnaam" in m or "Onbekend veld" in m for m in meldingen), meldingen


SCENARIO = """  - id: s1
    type: scenario
    casus: Een casus.
    start: p1
    punten:
      - id: p1
        tekst: Wat doe je eerst?
        opties:
          - tekst: Goed kijken
            goed: true
            feedback: Ja.
            naar: {goed_naar}
          - tekst: Meteen bellen
            feedback: Te snel.
            uitkomst: slecht
      - id: p2
        tekst: En dan?
        opties:
          - tekst: Overleggen
            goed: true
            feedback: Ja.
            {p2_goed}
          - tekst: Wachten
            feedback: Nee.
            {p2_fout}
    uitkomsten:
      - id: goed
        titel: Goed afgelopen
        uitleg: Zo hoort het.
        goed: true
      - id: slecht
        titel: Slecht afgelopen
        uitleg: Te snel of te laat.
"""


@pytest.mark.parametrize(("goed_naar", "p2_goed", "p2_fout", "woorden"), [
    ("p2", "naar: p1", "uitkomst: goed", "in een kring"),        # best choices loop p1 -> p2 -> p1
    ("p2", "uitkomst: slecht", "uitkomst: goed", "'slecht'"),     # best choice ends badly
    ("p1", "uitkomst: goed", "uitkomst: slecht", None),           # p1 loops on itself; p2 unreachable
    ("p2", "naar: p2", "uitkomst: goed", "in een kring"),        # p2 loops on itself
])
def test_good_outcome_must_be_reachable_along_the_best_choices(goed_naar: str, p2_goed: str,
                                                               p2_fout: str, woorden: str | None) -> None:
    tekst = KOP + SCENARIO.format(goed_naar=goed_naar, p2_goed=p2_goed, p2_fout=p2_fout)
    meldingen = _meldingen(tekst)
    assert meldingen, "a scenario where 'goed' cannot be reached must not pass"
    if woorden:
        assert any("nooit een goede afloop" in m and woorden in m for m in meldingen), meldingen


def test_a_reachable_good_outcome_passes() -> None:
    tekst = KOP + SCENARIO.format(goed_naar="p2", p2_goed="uitkomst: goed", p2_fout="uitkomst: slecht")
    assert _meldingen(tekst) == []


@pytest.mark.parametrize("veld", ["feedback: Goed.", "tekst: Niets", "vraag: Wat doe je?"])
@pytest.mark.parametrize("leeg", ['"   "', "'\t'", '"\u00a0"', '" \n "'])
def test_whitespace_only_text_is_a_problem(veld: str, leeg: str) -> None:
    naam = veld.split(":")[0]
    tekst = KOP + ENKEL.replace(veld, f"{naam}: {leeg}")
    meldingen = _meldingen(tekst)
    assert any("alleen spaties" in m for m in meldingen), meldingen


@pytest.mark.parametrize(("a", "b", "soort"), [
    ("Melden bij Veilig Thuis", "melden bij veilig thuis", "fout"),
    ("Melden bij Veilig Thuis", "Melden bij Veilig Thuis.", "fout"),
    ("Melden bij Veilig Thuis", "Melden  bij Veilig-Thuis", "fout"),
    ("Je bespreekt het met een collega", "Je bespreekt het met de collega", "waarschuwing"),
    ("Ongeveer 1,2 miljoen mensen", "Ongeveer 8 miljoen mensen", None),
    ("Je wacht af en kijkt", "Je belt meteen de politie", None),
])
def test_near_duplicate_options(a: str, b: str, soort: str | None) -> None:
    tekst = KOP + ENKEL.replace("Ik bespreek het met een collega", a).replace("tekst: Niets", f"tekst: {b}")
    uitslag = controleer_bank_volledig_tekst(tekst)
    fouten = [p for p in uitslag[0] if "optie" in p.melding]
    waarschuwingen = [p for p in uitslag[1] if "lijkt sterk" in p.melding]
    assert (bool(fouten), bool(waarschuwingen)) == (soort == "fout", soort == "waarschuwing"), uitslag


def controleer_bank_volledig_tekst(tekst: str) -> tuple[list, list]:
    from voordeur.quiz.bank import controleer_tekst_volledig

    u = controleer_tekst_volledig(tekst, "t.yaml")
    return u.problemen, u.waarschuwingen


@pytest.mark.parametrize(("regel", "waarde", "woorden"), [
    ("tekst: Niets", "tekst: 2019", '"2019"'),
    ("tekst: Niets", "tekst: 8.5", '"8.5"'),
    ("tekst: Niets", "tekst: no", "aanhalingstekens"),
    ("tekst: Niets", "tekst: yes", "aanhalingstekens"),
    ("feedback: Nee.", "feedback: 12", '"12"'),
    ("vraag: Wat doe je?", "vraag: 2024", '"2024"'),
    ("id: e1", "id: 2019", '"2019"'),
    ("tekst: Niets", "tekst: 2019-01-01", '"2019-01-01"'),
])
def test_a_number_where_text_belongs_gets_a_hint_to_quote_it(regel: str, waarde: str, woorden: str) -> None:
    meldingen = _meldingen(KOP + ENKEL.replace(regel, waarde))
    assert any(woorden in m and "aanhalingstekens" in m for m in meldingen), meldingen


@pytest.mark.parametrize(("vervang", "woorden"), [
    (("Wat doe je?", "Wat doe\x1bje?"), "stuurteken"), (("Wat doe je?", "Wat\x07 doe je?"), "stuurteken"),
    (("Wat doe je?", "Wat doe je\ufffe"), "stuurteken"), (("    type: enkel", "\ttype: enkel"), "tab"),
    (("    type: enkel", "    type:\tenkel\n\t\tx: 1"), "tab"),
])
def test_control_characters_and_tabs(vervang: tuple[str, str], woorden: str) -> None:
    meldingen = _meldingen(KOP + ENKEL.replace(*vervang))
    assert len(meldingen) == 1 and woorden in meldingen[0] and "regel " in meldingen[0], meldingen


def test_a_second_document() -> None:
    meldingen = _meldingen(KOP + ENKEL + "---\nbank: twee\n")
    assert len(meldingen) == 1 and "tweede document" in meldingen[0]


def test_no_english_from_pydantic_for_odd_keys() -> None:
    meldingen = _meldingen(KOP + ENKEL.replace("Wat doe je?", "Wat doe\u2028je?"))
    assert meldingen and not any("should" in m for m in meldingen), meldingen


@pytest.mark.parametrize("tekst", ["tekst: **vet** begin", "feedback: *Let op*", "tekst: &ook dit"])
def test_unquoted_star_or_ampersand_gets_a_hint(tekst: str) -> None:
    regel = tekst.split(":")[0]
    oud = "tekst: Niets" if regel == "tekst" else "feedback: Nee."
    meldingen = _meldingen(KOP + ENKEL.replace(oud, tekst))
    assert len(meldingen) == 1 and "aanhalingstekens" in meldingen[0] and "regel 1" in meldingen[0]


@pytest.mark.parametrize(("lijst", "element"), [("opties", "optie"), ("vragen", "vraag")])
def test_a_missing_dash_is_named(lijst: str, element: str) -> None:
    if lijst == "opties":
        tekst = KOP + ENKEL.replace("      - tekst: Niets", "        tekst: Niets")
    else:
        tekst = KOP + ENKEL + ENKEL.replace("  - id: e1", "    id: e2")
    meldingen = _meldingen(tekst)
    assert any("twee keer" in m and f"nieuwe {element}" in m and "'- '" in m for m in meldingen), meldingen


def test_a_missing_dash_in_a_scenario_point() -> None:
    tekst = KOP + SCENARIO.format(goed_naar="p2", p2_goed="uitkomst: goed", p2_fout="uitkomst: slecht")
    tekst = tekst.replace("      - id: p2", "        id: p2")
    assert any("nieuwe punt" in m for m in _meldingen(tekst))


# --- odd files -------------------------------------------------------------------------------------------

def _vreemd(tmp_path: Path, soort: str) -> Path:
    pad = tmp_path / "x.yaml"
    tekst = (KOP + ENKEL).encode("utf-8")
    if soort == "map":
        pad.mkdir()
    elif soort == "fifo":
        os.mkfifo(pad)
    elif soort == "symlink-lus":
        pad.symlink_to(pad)
    elif soort == "utf16":
        pad.write_bytes((KOP + ENKEL).encode("utf-16"))
    elif soort == "utf16-zonder-bom":
        pad.write_bytes((KOP + ENKEL).encode("utf-16-le"))
    elif soort == "cp1252":
        pad.write_bytes((KOP + ENKEL).replace("Goed.", "Goed – café.").encode("cp1252"))
    elif soort == "nul":
        pad.write_bytes(tekst.replace(b"Goed.", b"Go\x00ed."))
    elif soort == "leeg":
        pad.write_bytes(b"")
    elif soort == "alleen-commentaar":
        pad.write_bytes(b"# niets\n")
    return pad


@pytest.mark.parametrize(("soort", "woorden"), [
    ("map", "map"), ("fifo", "geen gewoon bestand"), ("symlink-lus", "zichzelf"), ("utf16", "UTF-16"),
    ("utf16-zonder-bom", "UTF-16"), ("cp1252", "Windows-1252"), ("nul", "NUL"), ("leeg", "bank:"),
    ("alleen-commentaar", "bank:"),
])
def test_odd_bank_files(tmp_path: Path, soort: str, woorden: str) -> None:
    if soort == "fifo" and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    pad = _vreemd(tmp_path, soort)
    begin = time.perf_counter()
    problemen = controleer_bank(pad)
    assert time.perf_counter() - begin < 2
    assert len(problemen) == 1 and woorden in problemen[0].melding, problemen
    assert str(problemen[0]).startswith(str(pad))
    with pytest.raises(quiz.QuizFout, match=woorden):
        laad_bank(pad)


@pytest.mark.parametrize("soort", ["bom", "crlf", "bom-crlf", "cr"])
def test_notepad_files_load_with_the_right_lines(tmp_path: Path, soort: str) -> None:
    tekst = KOP + ENKEL.replace("goed: true", "goed: waar")
    ruw = tekst.encode("utf-8")
    if "crlf" in soort:
        ruw = ruw.replace(b"\n", b"\r\n")
    if soort == "cr":
        ruw = ruw.replace(b"\n", b"\r")
    if "bom" in soort:
        ruw = codecs.BOM_UTF8 + ruw
    pad = tmp_path / "x.yaml"
    pad.write_bytes(ruw)
    problemen = controleer_bank(pad)
    assert [(p.regel, p.veld) for p in problemen] == [(10, "opties 1 › goed")], problemen


def test_no_read_permission(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from voordeur import veilig

    pad = _bank(tmp_path, KOP + ENKEL)

    def weiger(*args: object, **kwargs: object) -> int:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(veilig.os, "open", weiger)
    problemen = controleer_bank(pad)
    assert len(problemen) == 1 and "geen toestemming" in problemen[0].melding


# --- misuse from a notebook cell -------------------------------------------------------------------------

@pytest.mark.parametrize(("bank", "ids", "woorden"), [
    ("voorbeeld", "vb-peuter-blauwe-plekken", 'ids=["vb-peuter-blauwe-plekken"]'),
    ("voorbeeld", [], 'quiz.toon("voorbeeld")'),
    ("voorbeeld", (), 'quiz.toon("voorbeeld")'),
    ("voorbeeld", [3], "geen tekst"),
    ("voorbeeld", {"a": 1}, "lijst"),
    ("voorbeeld", 7, "lijst"),
    (None, None, 'quiz.toon("les1")'),
    (3, None, 'quiz.toon("les1")'),
    (["les1"], None, 'quiz.toon("les1")'),
    ("", None, 'quiz.toon("les1")'),
    ("bestaat-niet", None, "bestaat niet"),
    ("voorbeeld", ["bestaat-niet"], "bestaan niet"),
])
def test_misuse_gets_a_dutch_message_with_the_right_call(bank: object, ids: object, woorden: str) -> None:
    with pytest.raises(quiz.QuizFout) as e:
        quiz.toon(bank, ids=ids)  # type: ignore[arg-type]
    assert woorden in str(e.value)


def test_ids_as_a_tuple_still_works() -> None:
    q = quiz.toon("voorbeeld", ids=("vb-peuter-blauwe-plekken",))
    assert [v.id for v in q.vragen] == ["vb-peuter-blauwe-plekken"]


def test_the_notebook_handler_shows_only_the_message(monkeypatch: pytest.MonkeyPatch) -> None:
    """quiz.toon installs the handler that les.start installs, so misuse shows no traceback."""
    import IPython

    from voordeur.fouten import VoordeurFout

    class Shell:
        def __init__(self) -> None:
            self.soorten: tuple[type, ...] = ()

        def set_custom_exc(self, soorten: tuple[type, ...], handler: object) -> None:
            self.soorten = soorten

    shell = Shell()
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    with pytest.raises(VoordeurFout):
        quiz.toon("voorbeeld", ids="x")
    assert shell.soorten == (VoordeurFout,)


# --- the command line and make ------------------------------------------------------------------------------

def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "voordeur.quiz", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def test_check_on_bombs_and_odd_files_never_tracebacks(tmp_path: Path) -> None:
    for i, tekst in enumerate(BOMMEN.values()):
        _bank(tmp_path, tekst, f"bom{i}.yaml")
    (tmp_path / "map.yaml").mkdir()
    r = _cli("check", str(tmp_path))
    assert r.returncode == 1
    assert "Traceback" not in r.stdout + r.stderr
    assert r.stdout.count("✘") == len(BOMMEN) + 1


def test_warnings_do_not_fail_check(tmp_path: Path) -> None:
    vragen = "".join(ENKEL.replace("id: e1", f"id: e{i}") for i in range(3))  # right option always longest
    pad = _bank(tmp_path, KOP + vragen)
    r = _cli("check", str(pad))
    assert r.returncode == 0, r.stdout
    assert "⚠ Waarschuwing:" in r.stdout and "langste tekst" in r.stdout and "regel 4" in r.stdout
    assert "de bank werkt" in r.stdout


def test_make_check_quiz_has_no_make_error_line(tmp_path: Path) -> None:
    if not (ROOT / ".venv" / ".lab").exists():
        pytest.skip("make check-quiz needs the lab environment")
    pad = _bank(tmp_path, KOP + "  - id: x\n")
    r = subprocess.run(["make", "-s", "check-quiz", f"BANK={pad}"], capture_output=True, text=True, cwd=ROOT,
                       timeout=120)
    assert "***" not in r.stdout + r.stderr and "Error" not in r.stderr
    assert r.returncode == 0 and "Klaar: verbeter de punten" in r.stdout
    r = subprocess.run(["make", "-s", "check-quiz", f"BANK={pad}", "STRENG=1"], capture_output=True,
                       text=True, cwd=ROOT, timeout=120)
    assert r.returncode != 0


@pytest.mark.parametrize("waarde", [None, 3, ["les1"], "", "   "])
def test_laad_and_controleer_bank_misuse(waarde: object) -> None:
    with pytest.raises(quiz.QuizFout, match=r"quiz\.laad_bank\(\"les1\"\)"):
        quiz.laad_bank(waarde)
    with pytest.raises(quiz.QuizFout, match=r"quiz\.controleer_bank"):
        quiz.controleer_bank(waarde)
