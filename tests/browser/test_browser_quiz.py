"""The quiz widgets in a real browser: every question type, class mode, and the keyboard.

The quizzes come from data/quizzes/voorbeeld.yaml (one question per type), shown by small notebooks in
the server's temp copy (see ``labdriver.quiz_notebooks``). Answers are taken from the bank itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import labdriver as ld
import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the browser_available fixture skips (or, on CI, fails) these tests
    expect = None  # type: ignore[assignment]

pytestmark = pytest.mark.browser

VRAGEN = ld.voorbeeld_vragen()
QUIZ = "notebooks/_test_quiz.ipynb"
KLAS = "notebooks/_test_quiz_klas.ipynb"
TOETSENBORD = "notebooks/_test_quiz_toetsenbord.ipynb"
TOETSENBORD2 = "notebooks/_test_quiz_toetsenbord2.ipynb"


def plat(tekst: str) -> str:
    """Whitespace-normalised text without the little bit of markdown the banks use."""
    return re.sub(r"\s+", " ", tekst.replace("**", "")).strip()


def bevat(feedback: ld.Feedback, tekst: str) -> bool:
    return plat(tekst)[:60] in plat(feedback.text)


@contextmanager
def geopend(lab_page: ld.LabPage, path: str) -> Iterator[ld.Notebook]:
    """Open and run a test notebook, which must run without any problem."""
    with ld.opened(lab_page, path) as nb:
        assert not nb.result.problems, [str(p) for p in nb.result.problems]
        yield nb


@pytest.fixture(scope="module")
def quiz_nb(lab_page: ld.LabPage) -> Iterator[ld.Notebook]:
    if not VRAGEN:
        pytest.fail("data/quizzes/voorbeeld.yaml ontbreekt: daar komen de testvragen vandaan")
    with geopend(lab_page, QUIZ) as nb:
        yield nb


@pytest.fixture
def quiz_page(quiz_nb: ld.Notebook) -> Any:
    """The normal-mode test quiz (its tab activated); a locator, so other tabs are never matched."""
    return quiz_nb.activate().root


def test_voorbeeld_bank_has_every_type() -> None:
    assert sorted(VRAGEN) == sorted(ld.QUIZ_TYPES), "voorbeeld.yaml moet elk vraagtype één keer hebben"


@pytest.mark.parametrize("soort", ld.QUIZ_TYPES)
def test_wrong_then_right(soort: str, quiz_page: Any) -> None:
    vraag = VRAGEN.get(soort)
    assert vraag, f"geen vraag van type {soort} in voorbeeld.yaml"
    q = ld.question(quiz_page, vraag["id"])
    assert f"vd-type-{soort}" in (q.get_attribute("class") or "")

    if soort == "scenario":
        fout = ld.play_scenario(q, vraag, goed=False)
        assert fout[0].status == "fout", fout
        eind = fout[-1]
        assert "Uitkomst" in eind.text and eind.status in ("fout", "deels"), eind
        ld.retry(q)
        goed = ld.play_scenario(q, vraag, goed=True)
        assert all(f.status == "goed" for f in goed), goed
        beste = next(u for u in vraag["uitkomsten"] if u.get("goed"))
        assert bevat(goed[-1], beste["titel"]), goed[-1]
    else:
        ld.give_answer(q, vraag, goed=False)
        fout = ld.check(q)
        assert fout.status in ("fout", "deels"), fout
        assert "goed" in fout.text.lower()  # "Nog niet goed" / "Gedeeltelijk goed": words, not colour only
        expect(ld.button(q, "Probeer opnieuw")).to_be_visible()  # after a wrong answer
        expect(ld.button(q, "Controleer")).to_be_hidden()
        if soort == "enkel":
            gekozen = next(o for o in vraag["opties"] if not o.get("goed"))
            assert bevat(fout, gekozen["feedback"]), fout
        if soort == "getal" and vraag.get("feedback_te_hoog"):
            assert bevat(fout, vraag["feedback_te_hoog"]), fout
        if soort == "volgorde":
            assert "goede plek" in fout.text, fout

        ld.retry(q)
        ld.give_answer(q, vraag, goed=True)
        goed = ld.check(q)
        assert goed.status == "goed", goed
        assert "Goed" in goed.text
        if soort == "enkel":
            juist = next(o for o in vraag["opties"] if o.get("goed"))
            assert bevat(goed, juist["feedback"]), goed
        if soort == "getal" and vraag.get("feedback_goed"):
            assert bevat(goed, vraag["feedback_goed"]), goed
        if soort == "volgorde" and vraag.get("uitleg"):
            assert bevat(goed, vraag["uitleg"]), goed
        expect(ld.button(q, "Probeer opnieuw")).to_be_hidden()

    score = quiz_page.locator(".vd-score").first.inner_text()
    assert re.search(r"\d+ van \d+ goed", score), score


def test_hint_button_shows_the_hint(quiz_page: Any) -> None:
    vraag = next((v for v in VRAGEN.values() if v.get("hint")), None)
    if vraag is None:
        pytest.skip("geen vraag met een hint in voorbeeld.yaml")
    q = ld.question(quiz_page, vraag["id"])
    ld.click(q, "Hint")
    hint = q.locator(".vd-hint")
    hint.get_by_text(plat(vraag["hint"])[:30]).wait_for(state="visible", timeout=10_000)


def test_score_summary_after_all_types(quiz_page: Any) -> None:
    """Runs after test_wrong_then_right: every question ended right."""
    score = quiz_page.locator(".vd-score").first
    score.scroll_into_view_if_needed()
    n = len(ld.bank_questions(ld.VOORBEELD))
    assert plat(score.inner_text()).startswith(f"Score: {len(VRAGEN)} van {n} goed"), score.inner_text()


def test_accessibility_with_feedback_shown(
    quiz_nb: ld.Notebook, axe_js: Any, axe_report: dict[str, Any]
) -> None:
    """axe on the test quiz after every question was answered (feedback, hints and score visible)."""
    ours = ld.axe_ours(quiz_nb)
    axe_report["ours"][f"{quiz_nb.path} (na antwoorden)"] = ours
    serious = [v for v in ours if v["impact"] in ld.SERIOUS]
    assert not serious, ld.describe_violations(serious)


# --- class mode --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def klas_nb(lab_page: ld.LabPage) -> Iterator[ld.Notebook]:
    if not VRAGEN:
        pytest.fail("data/quizzes/voorbeeld.yaml ontbreekt")
    with geopend(lab_page, KLAS) as nb:
        yield nb


@pytest.fixture
def klas_page(klas_nb: ld.Notebook) -> Any:
    return klas_nb.activate().root


@pytest.mark.parametrize("soort", ld.QUIZ_TYPES)
def test_class_mode_hides_feedback_until_toon_antwoord(soort: str, klas_page: Any) -> None:
    vraag = VRAGEN[soort]
    q = ld.question(klas_page, vraag["id"])
    assert not ld.button(q, "Controleer").is_visible(), "klasmodus: geen 'Controleer'"
    assert ld.button(q, "Toon antwoord").is_visible(), "klasmodus: 'Toon antwoord' zichtbaar"
    # the class picks an answer: still nothing is given away
    if soort == "scenario":
        punt = next(p for p in vraag["punten"] if p["id"] == vraag["start"])
        ld.choose(q, next(o for o in punt["opties"] if not o.get("goed"))["tekst"])
    else:
        ld.give_answer(q, vraag, goed=False)
    klas_page.page.wait_for_timeout(400)  # time enough for a (wrong) feedback message to arrive
    assert ld.read_feedback(q).status == "", f"klasmodus toonde feedback te vroeg: {ld.read_feedback(q)}"
    score = klas_page.locator(".vd-score").first.inner_text()
    assert "nog geen antwoorden getoond" in score or re.search(r"\d+ van \d+", score), score

    ld.click(q, "Toon antwoord")
    fb = ld.wait_feedback(q)
    verwacht = {
        "enkel": "Het goede antwoord is",
        "meer": "De goede antwoorden zijn",
        "volgorde": "De goede volgorde is",
        "getal": "Het goede antwoord is",
        "scenario": "De beste keuze hier",
    }[soort]
    assert verwacht in fb.text, fb
    if soort == "enkel":
        juist = next(o for o in vraag["opties"] if o.get("goed"))
        assert plat(juist["tekst"]) in plat(fb.text), fb
    expect(ld.button(q, "Toon antwoord")).to_be_hidden()


# --- keyboard only -----------------------------------------------------------------------------------

JS_FOCUS = """() => {
  const el = document.activeElement;
  if (!el) return {tag: '', type: '', text: '', checked: false};
  const label = el.closest('label');
  return {tag: el.tagName.toLowerCase(), type: el.type || '', checked: !!el.checked,
          text: ((label ? label.textContent : el.textContent) || el.value || '').trim().slice(0, 200)};
}"""


def focused(page: Any) -> dict[str, Any]:
    return page.evaluate(JS_FOCUS)


def reach(page: Any, wanted: Callable[[dict[str, Any]], bool], max_tabs: int = 25,
          first: str = "Tab") -> dict[str, Any]:
    """Tab (and, if needed, Shift+Tab) until ``wanted(focused)``; stay put if already there.

    ``first="Shift+Tab"`` for a target before the focus: Tab past the end of a widget can land in a code
    cell's editor, where (Shift+)Tab indents instead of moving on."""
    f = focused(page)
    if wanted(f):
        return f
    other = "Shift+Tab" if first == "Tab" else "Tab"
    for key in (first, other):
        for _ in range(max_tabs if key == first else 2 * max_tabs):
            page.keyboard.press(key)
            f = focused(page)
            if wanted(f):
                return f
    raise AssertionError(f"met Tab/Shift+Tab niet bij het doel gekomen (nu: {focused(page)})")


def is_button(name: str) -> Callable[[dict[str, Any]], bool]:
    return lambda f: f["tag"] == "button" and f["text"] == name


def is_radio(f: dict[str, Any]) -> bool:
    return bool(f["type"] == "radio")


def kies_met_pijlen(page: Any, tekst: str, n_opties: int) -> None:
    """From a focused option: Space chooses it, ArrowDown moves on until ``tekst`` is chosen."""
    page.keyboard.press("Space")
    for _ in range(n_opties):
        f = focused(page)
        assert is_radio(f) and f["checked"], f"pijltjestoets verliet de keuzegroep: {f}"
        if plat(f["text"]) == tekst:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"{tekst!r} niet bereikt met de pijltjestoetsen")


@pytest.fixture(scope="module")
def toetsenbord_nb(lab_page: ld.LabPage) -> Iterator[ld.Notebook]:
    """The enkel and meer questions of voorbeeld.yaml, for the keyboard tests."""
    with geopend(lab_page, TOETSENBORD) as nb:
        yield nb


def start_focus(q: Any) -> None:
    """Put the keyboard focus on the question's heading, as if the student tabbed there."""
    q.evaluate("el => { const h = el.querySelector('h3') || el; h.tabIndex = -1; h.focus(); }")


def test_keyboard_only(toetsenbord_nb: ld.Notebook) -> None:
    """Answer a question wrong, retry and answer it right with Tab, arrows, Space and Enter (no mouse)."""
    vraag = VRAGEN.get("enkel")
    assert vraag, "geen enkel-vraag in voorbeeld.yaml"
    keyboard_only(toetsenbord_nb.activate(), vraag)


def test_focus_stays_in_the_question_after_a_wrong_answer(toetsenbord_nb: ld.Notebook) -> None:
    """'Controleer' hides itself: the focus must not fall back to the top of the page."""
    vraag = VRAGEN.get("meer")
    assert vraag, "geen meer-vraag in voorbeeld.yaml"
    page = toetsenbord_nb.activate().page
    q = ld.question(toetsenbord_nb.root, vraag["id"])
    fout = next(plat(o["tekst"]) for o in vraag["opties"] if not o.get("goed"))
    start_focus(q)
    reach(page, lambda f: f["type"] == "checkbox" and plat(f["text"]) == fout, 12)
    page.keyboard.press("Space")
    reach(page, is_button("Controleer"), 12)
    page.keyboard.press("Enter")
    assert ld.wait_feedback(q).status == "fout"
    expect(ld.button(q, "Controleer")).to_be_hidden()
    page.wait_for_timeout(200)
    assert q.evaluate("el => el.contains(document.activeElement)"), f"focus buiten de vraag: {focused(page)}"


def test_focus_stays_in_the_quiz_after_a_right_answer(toetsenbord_nb: ld.Notebook) -> None:
    """'Controleer' hides itself after a right answer too: the focus goes on to the next question (or to
    'Bewaar mijn antwoorden' after the last one), not back to the top of the page."""
    vraag = VRAGEN.get("meer")
    assert vraag, "geen meer-vraag in voorbeeld.yaml"
    page = toetsenbord_nb.activate().page
    q = ld.question(toetsenbord_nb.root, vraag["id"])
    if ld.button(q, "Probeer opnieuw").is_visible():
        ld.retry(q)
    goed = {plat(o["tekst"]) for o in vraag["opties"] if o.get("goed")}
    start_focus(q)
    for _ in range(len(vraag["opties"])):
        f = reach(page, lambda f: f["type"] == "checkbox" and plat(f["text"]) in goed, 12)
        goed.discard(plat(f["text"]))
        page.keyboard.press("Space")
        if not goed:
            break
    reach(page, is_button("Controleer"), 12)
    page.keyboard.press("Enter")
    assert ld.wait_feedback(q).status == "goed"
    expect(ld.button(q, "Controleer")).to_be_hidden()
    page.wait_for_timeout(200)
    quiz = toetsenbord_nb.root.locator(".vd-quiz").first
    assert quiz.evaluate("el => el.contains(document.activeElement)"), (
        f"focus buiten de quiz: {focused(page)}"
    )
    assert not q.evaluate("el => el.contains(document.activeElement)") or focused(page)["text"] in (
        "Probeer opnieuw", "Hint"), f"focus bleef op een uitgeschakeld deel van de vraag: {focused(page)}"


JS_ACTIEVE_CEL = "() => window.jupyterapp.shell.currentWidget.content.activeCellIndex"


def keyboard_only(nb: ld.Notebook, vraag: dict[str, Any]) -> None:
    """Tab into the options, arrow keys to choose, Tab to "Controleer", Enter; then the same to retry.

    The options form one radio group: one Tab stop, the arrow keys move the choice (and the notebook
    does not move to another cell), Space chooses the focused option.
    """
    page = nb.page
    q = ld.question(nb.root, vraag["id"])
    start_focus(q)  # where a student would have tabbed to (no click, no mouse)
    opties = [plat(o["tekst"]) for o in vraag["opties"]]  # the test notebook does not shuffle
    goed = next(plat(o["tekst"]) for o in vraag["opties"] if o.get("goed"))
    fout = next(plat(o["tekst"]) for o in vraag["opties"] if not o.get("goed"))
    n = len(opties) + 4

    # the options are one Tab stop: Tab lands on the first option, the next Tab leaves the group
    f = reach(page, is_radio, n)
    assert plat(f["text"]) == opties[0], f
    page.keyboard.press("Tab")
    assert not is_radio(focused(page)), "elke optie is een eigen Tab-stop: geen echte keuzegroep"
    page.keyboard.press("Shift+Tab")
    assert is_radio(focused(page)), focused(page)

    # the arrow keys walk through every option in order, and the notebook stays on its cell
    cel = page.evaluate(JS_ACTIEVE_CEL)
    page.keyboard.press("Space")
    gezien = [plat(focused(page)["text"])]
    for _ in range(len(opties) - 1):
        page.keyboard.press("ArrowDown")
        f = focused(page)
        assert is_radio(f) and f["checked"], f"ArrowDown kiest niet de volgende optie: {f}"
        gezien.append(plat(f["text"]))
    assert gezien == opties, gezien
    page.keyboard.press("ArrowUp")
    assert plat(focused(page)["text"]) == opties[-2], focused(page)
    assert page.evaluate(JS_ACTIEVE_CEL) == cel, "pijltjestoetsen verplaatsten JupyterLab naar een andere cel"
    assert q.locator('input[type="radio"]:checked').count() == 1

    # a wrong answer: arrows to the option, Tab to "Controleer", Enter
    kies_met_pijlen(page, fout, len(opties))
    reach(page, is_button("Controleer"), n)
    page.keyboard.press("Enter")
    fb = ld.wait_feedback(q)
    assert fb.status == "fout", fb
    expect(ld.button(q, "Controleer")).to_be_hidden()

    # retry: the focus is on "Probeer opnieuw"; Enter, then back to the options and the right answer
    page.wait_for_function("() => document.activeElement && document.activeElement.tagName === 'BUTTON'")
    assert focused(page)["text"] == "Probeer opnieuw", focused(page)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "el => !el.querySelector('.vd-feedback .vd-fb')", arg=q.element_handle(), timeout=10_000
    )
    expect(ld.button(q, "Controleer")).to_be_visible()
    radio = q.get_by_role("radio", name=vraag["opties"][opties.index(goed)]["tekst"].strip())
    expect(radio).to_be_enabled()
    expect(radio).not_to_be_checked()
    # "Probeer opnieuw" hides itself: the focus is back on the options
    page.wait_for_function("() => document.activeElement && document.activeElement.type === 'radio'",
                           timeout=10_000)
    kies_met_pijlen(page, goed, len(opties))
    expect(radio).to_be_checked()
    reach(page, is_button("Controleer"), n)
    page.keyboard.press("Enter")
    fb = ld.wait_feedback(q)
    assert fb.status == "goed", fb


@pytest.fixture(scope="module")
def toetsenbord2_nb(lab_page: ld.LabPage) -> Iterator[ld.Notebook]:
    """The getal, volgorde and scenario questions of voorbeeld.yaml, for the keyboard tests."""
    with geopend(lab_page, TOETSENBORD2) as nb:
        yield nb


def test_keyboard_only_getal(toetsenbord2_nb: ld.Notebook) -> None:
    """Tab to the answer field, type the number, Tab to "Controleer", Enter."""
    vraag = VRAGEN["getal"]
    page = toetsenbord2_nb.activate().page
    q = ld.question(toetsenbord2_nb.root, vraag["id"])
    start_focus(q)
    reach(page, lambda f: f["tag"] == "input" and f["type"] == "text", 8)
    antwoord = ld._getal(float(vraag["antwoord"]))
    page.keyboard.type(antwoord)
    veld = q.locator("input[type=text]").first
    assert veld.input_value() == antwoord, f"getypt: {antwoord!r}, in het veld: {veld.input_value()!r}"
    reach(page, is_button("Controleer"), 8)
    page.keyboard.press("Enter")
    fb = ld.wait_feedback(q)
    assert fb.status == "goed", (fb, veld.input_value())
    page.wait_for_timeout(200)
    assert focused(page)["tag"] in ("button", "input"), f"focus verloren: {focused(page)}"


JS_RIJ_HOGER = """(el) => [...el.querySelectorAll('button')]
    .filter(b => b.textContent.trim() === '↑ Hoger').indexOf(document.activeElement)"""


def orden_met_toetsenbord(page: Any, q: Any, items: list[str]) -> None:
    """Put the rows of an order question in the order *items* with Tab and Enter on "↑ Hoger" only."""
    start_focus(q)
    for doel, item in enumerate(items):
        pos = ld.order_rows(q).index(item)
        eerst = "Tab"  # the row of the next item is below the focus ...
        while pos > doel:
            reach(page, lambda f, p=pos: f["text"] == "↑ Hoger" and q.evaluate(JS_RIJ_HOGER) == p,
                  4 * len(items), first=eerst)
            rijen = ld.order_rows(q)
            rijen[pos - 1], rijen[pos] = rijen[pos], rijen[pos - 1]
            page.keyboard.press("Enter")
            # the labels change one by one: wait for the whole swap, not for the first changed label
            page.wait_for_function(
                "([el, nieuw]) => [...el.querySelectorAll('.vd-volgorde-rij .widget-label')]"
                ".map(l => l.textContent).join('|') === nieuw",
                arg=[q.element_handle(), "|".join(f"{i + 1}. {t}" for i, t in enumerate(rijen))],
                timeout=10_000,
            )
            pos -= 1
            eerst = "Shift+Tab"  # ... the button one row up is just before it
    assert ld.order_rows(q) == items


def test_keyboard_only_volgorde(toetsenbord2_nb: ld.Notebook) -> None:
    """Order the items with Tab and Enter on the "↑ Hoger" buttons only, then check with Enter."""
    vraag = VRAGEN["volgorde"]
    page = toetsenbord2_nb.activate().page
    q = ld.question(toetsenbord2_nb.root, vraag["id"])
    items = [str(x) for x in vraag["items"]]
    orden_met_toetsenbord(page, q, items)
    assert ld.order_rows(q) == items
    reach(page, is_button("Controleer"), 4 * len(items))
    page.keyboard.press("Enter")
    assert ld.wait_feedback(q).status == "goed"


def test_keyboard_only_scenario(toetsenbord2_nb: ld.Notebook) -> None:
    """Play the branching case to its good outcome with arrows, Tab and Enter; after "Controleer" the
    focus is on "Verder", after "Verder" on the next choice."""
    vraag = VRAGEN["scenario"]
    page = toetsenbord2_nb.activate().page
    q = ld.question(toetsenbord2_nb.root, vraag["id"])
    punten = {p["id"]: p for p in vraag["punten"]}
    punt = punten[vraag["start"]]
    start_focus(q)
    reach(page, is_radio, 10)
    for _ in range(len(punten)):
        goed = plat(next(o["tekst"] for o in punt["opties"] if o.get("goed")))
        kies_met_pijlen(page, goed, len(punt["opties"]))
        reach(page, is_button("Controleer"), 6)
        page.keyboard.press("Enter")
        stap = ld.wait_feedback(q)
        assert stap.status == "goed", stap
        page.wait_for_function("() => document.activeElement.textContent.trim() === 'Verder'", timeout=10_000)
        page.keyboard.press("Enter")
        optie = next(o for o in punt["opties"] if o.get("goed"))
        if "naar" not in optie:
            break
        punt = punten[optie["naar"]]
        # the next point's options take the focus
        page.wait_for_function(
            "(t) => { const e = document.activeElement; const l = e && e.closest('label');"
            " return e && e.type === 'radio' && l && l.textContent.includes(t); }",
            arg=punt["opties"][0]["tekst"][:30], timeout=10_000,
        )
    fb = ld.wait_feedback(q, previous=stap.text)  # the outcome replaces the last step's feedback
    assert fb.status == "goed" and "Uitkomst" in fb.text, fb
    assert focused(page)["text"] == "Probeer opnieuw", focused(page)


def test_quick_arrow_keys_then_check_use_the_last_choice(lab_page: ld.LabPage) -> None:
    """Arrow keys pressed quickly, then at once Tab and Enter: the kernel checks the option the student
    ended on (not an earlier one that was still on its way), and the screen keeps showing that choice.

    The notebook makes the kernel slow (0.3 s per choice, like a busy school laptop), so that choices
    pile up. This failed with choices sent as state updates (ipywidgets holds those back) and with
    ipykernel 7 (JupyterLab then sends widget messages over subshells, handled in other threads)."""
    vraag = VRAGEN["enkel"]
    with geopend(lab_page, "notebooks/_test_quiz_snel.ipynb") as nb:
        snel_kiezen(nb, vraag)


def snel_kiezen(nb: ld.Notebook, vraag: dict[str, Any]) -> None:
    page = nb.activate().page
    q = ld.question(nb.root, vraag["id"])
    opties = vraag["opties"]  # the test notebook does not shuffle
    fout = [i for i, o in enumerate(opties) if not o.get("goed")]
    goed = next(i for i, o in enumerate(opties) if o.get("goed"))
    for doel in (fout[-1], fout[0], goed):  # a right answer ends the question: last
        if ld.button(q, "Probeer opnieuw").is_visible():
            ld.retry(q)
        expect(q.get_by_role("radio").first).to_be_enabled()
        start_focus(q)
        reach(page, is_radio, 10)
        vorige = read = ld.read_feedback(q).text
        page.keyboard.press("Space")
        for _ in range(len(opties) + doel):  # once round the group and on to the target, no pauses
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        fb = ld.wait_feedback(q, previous=vorige or None)
        verwacht = "goed" if opties[doel].get("goed") else "fout"
        assert fb.status == verwacht, (doel, fb, read)
        gekozen = q.locator('input[type="radio"]:checked')
        assert gekozen.count() == 1
        assert plat(gekozen.locator("xpath=..").inner_text()) == plat(opties[doel]["tekst"])
