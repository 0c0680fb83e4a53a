"""exercises/ is generated from solutions/ by tools/make_exercises.py: no drift, no leaks, working stubs."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import nbformat
import pytest
from gereedschap import laad_tool

ROOT = Path(__file__).resolve().parents[1]
SOLUTIONS = ROOT / "solutions"
EXERCISES = ROOT / "exercises"


def _load_tool():
    return laad_tool("make_exercises")


me = _load_tool()
SOLUTION_FILES = sorted(SOLUTIONS.glob("*.ipynb"))


def _nb(*cells: tuple[str, str], **meta: object) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": {"name": "python3", "display_name": "Python 3",
                                                           "language": "python"},
                                            "language_info": {"name": "python", "version": "3.11.9"},
                                            **meta})
    for kind, source in cells:
        cell = nbformat.v4.new_code_cell(source) if kind == "code" else nbformat.v4.new_markdown_cell(source)
        nb.cells.append(cell)
    return nb


# --- the transform ------------------------------------------------------------------------------------

def test_solution_region_becomes_stub_for_names_used_later() -> None:
    nb = _nb(("code", "df = laad()\n### BEGIN SOLUTION\nhulp = df.x\nantwoord = hulp * 2\n### END SOLUTION\n"
                      "controleer('1.1', antwoord)"))
    out = me.maak_oefening(nb, "t.ipynb")
    assert out.cells[0].source == (
        "df = laad()\nantwoord = None  # vul hier je antwoord in\ncontroleer('1.1', antwoord)"
    )


def test_stub_keeps_indentation_and_names_used_in_later_cells() -> None:
    nb = _nb(("code", "if True:\n    ### BEGIN SOLUTION\n    a, b = 1, 2\n    ### END SOLUTION\n    pass"),
             ("code", "print(b)"))
    out = me.maak_oefening(nb, "t.ipynb")
    assert out.cells[0].source == "if True:\n    b = None  # vul hier je antwoord in\n    pass"


def test_region_without_used_names_gets_code_comment() -> None:
    nb = _nb(("code", "### BEGIN SOLUTION\nprint('hallo')\n### END SOLUTION"))
    assert me.maak_oefening(nb, "t.ipynb").cells[0].source == me.STUB_CODE


def test_magics_fall_back_to_line_scan() -> None:
    assert me.toegewezen_namen("%matplotlib inline\nx = 1\ny: int = 2\nz == 3") == ["x", "y"]


def test_hidden_tests_removed_and_markdown_answers_replaced() -> None:
    nb = _nb(("code", "x = 1\n### BEGIN HIDDEN TESTS\nassert x == 1\n### END HIDDEN TESTS"),
             ("markdown", "Vraag?\n\n=== BEGIN ANTWOORD ===\nGeheim antwoord\n=== END ANTWOORD ==="),
             ("markdown", "<!-- === BEGIN ANTWOORD === -->\nook geheim\n<!-- === END ANTWOORD === -->"))
    out = me.maak_oefening(nb, "t.ipynb")
    assert out.cells[0].source == "x = 1"
    assert out.cells[1].source == "Vraag?\n\n" + me.STUB_TEKST
    assert out.cells[2].source == me.STUB_TEKST


def test_worked_answer_under_a_no_code_task_is_left_out_without_a_stub() -> None:
    nb = _nb(("code", 'oefen("7.1")'),
             ("markdown", "<!-- === BEGIN ANTWOORD === -->\nz1 feit\n<!-- === END ANTWOORD === -->"),
             ("markdown", "Nadenken?\n\n=== BEGIN ANTWOORD ===\nvoorbeeld\n=== END ANTWOORD ==="),
             ("code", 'controleer("7.2", antwoord)'),
             ("markdown", "=== BEGIN ANTWOORD ===\nuitleg\n=== END ANTWOORD ==="))
    out = me.maak_oefening(nb, "t.ipynb")
    assert [c.source for c in out.cells] == ['oefen("7.1")', "Nadenken?\n\n" + me.STUB_TEKST,
                                             'controleer("7.2", antwoord)', me.STUB_TEKST]
    assert "feit" not in "".join(c.source for c in out.cells)


def test_teacher_cells_outputs_and_metadata_are_dropped() -> None:
    nb = _nb(("code", "1 + 1"), ("markdown", "Alleen voor de docent"), voordeur={"les": 1})
    nb.cells[0].outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
    nb.cells[0].execution_count = 1
    nb.cells[0].metadata = {"tags": ["opdracht"], "execution": {"iopub.status.busy": "x"}, "scrolled": True}
    nb.cells[1].metadata = {"tags": [me.DOCENT_TAG]}
    out = me.maak_oefening(nb, "t.ipynb")
    assert len(out.cells) == 1
    assert out.cells[0].outputs == [] and out.cells[0].execution_count is None
    assert out.cells[0].metadata == {"tags": ["opdracht"]}
    assert out.metadata["language_info"] == {"name": "python"}
    assert out.metadata["voordeur"] == {"les": 1, "gegenereerd_uit": "solutions/t.ipynb"}


@pytest.mark.parametrize("source", [
    "### BEGIN SOLUTION\nx = 1",
    "x = 1\n### END SOLUTION",
    "### BEGIN SOLUTION\n### BEGIN SOLUTION\nx = 1\n### END SOLUTION",
])
def test_unbalanced_markers_are_an_error_naming_the_cell(source: str) -> None:
    with pytest.raises(me.MarkerFout, match=r"t\.ipynb, cell 1"):
        me.maak_oefening(_nb(("code", source)), "t.ipynb")


@pytest.mark.filterwarnings("ignore::nbformat.validator.MissingIDFieldWarning")
def test_generation_is_deterministic_and_check_mode_reports_drift(tmp_path: Path) -> None:
    bron, doel = tmp_path / "solutions", tmp_path / "exercises"
    bron.mkdir()
    nb = _nb(("code", "### BEGIN SOLUTION\na = 1\n### END SOLUTION\nprint(a)"))
    for cell in nb.cells:
        cell.pop("id", None)  # old notebooks without ids still give stable output
    nbformat.write(nb, bron / "x.ipynb")
    (doel).mkdir()
    (doel / "weg.ipynb").write_text("{}", encoding="utf-8")
    assert me.genereer(bron, doel) == ["x.ipynb: missing", "weg.ipynb: no source in solutions/"]
    eerste = (doel / "x.ipynb").read_bytes()
    assert not (doel / "weg.ipynb").exists()
    assert me.genereer(bron, doel) == []
    assert me.genereer(bron, doel, check=True) == []
    assert (doel / "x.ipynb").read_bytes() == eerste
    (doel / "x.ipynb").write_text("{}", encoding="utf-8")
    assert me.genereer(bron, doel, check=True) == ["x.ipynb: differs from its source"]


# --- the committed notebooks ------------------------------------------------------------------------

def test_there_are_solution_notebooks() -> None:
    assert SOLUTION_FILES, "solutions/ holds no notebooks"


def test_exercises_are_up_to_date(tmp_path: Path) -> None:
    """Drift test: regenerating gives exactly the committed files (run `make exercises` to fix)."""
    me.genereer(SOLUTIONS, tmp_path)
    generated = sorted(p.name for p in tmp_path.glob("*.ipynb"))
    committed = sorted(p.name for p in EXERCISES.glob("*.ipynb"))
    assert generated == committed, "exercises/ and solutions/ hold different notebooks: run `make exercises`"
    for name in generated:
        assert (tmp_path / name).read_bytes() == (EXERCISES / name).read_bytes(), (
            f"exercises/{name} differs from what solutions/{name} generates: run `make exercises`"
        )


def _code(nb: nbformat.NotebookNode) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "code"]


def _solution_lines(nb: nbformat.NotebookNode) -> list[str]:
    """Significant lines inside solution/answer regions of a solutions notebook."""
    lines: list[str] = []
    for cell in nb.cells:
        inside = False
        for line in cell.source.split("\n"):
            s = line.strip()
            if s in (me.BEGIN_SOLUTION, me.BEGIN_HIDDEN) or (me._MD_MARKER.match(line) and "BEGIN" in line):
                inside = True
                continue
            if s in (me.END_SOLUTION, me.END_HIDDEN) or (me._MD_MARKER.match(line) and "END" in line):
                inside = False
                continue
            if inside and len(s) >= 12 and not s.startswith("#"):
                lines.append(s)
    return lines


@pytest.mark.parametrize("path", SOLUTION_FILES, ids=lambda p: p.name)
def test_exercise_has_stubs_and_no_solution_text(path: Path) -> None:
    sol = nbformat.read(path, as_version=4)
    ex_path = EXERCISES / path.name
    assert ex_path.exists(), f"exercises/{path.name} is missing: run `make exercises`"
    ex = nbformat.read(ex_path, as_version=4)
    raw = ex_path.read_text(encoding="utf-8")
    for marker in me.ALL_MARKERS:
        assert marker not in raw, f"marker {marker!r} left in exercises/{path.name}"
    # a cell tagged alleen-docent is left out of the exercise as a whole, so its regions need no stub;
    # the worked answer right under a no-code task (an oefen(...) cell) is left out, without a stub
    onder_formulier = {
        i for i, c in enumerate(sol.cells)
        if i and c.cell_type == "markdown" and me._markdown_cel(c.source, "") == me.STUB_TEKST
        and me._is_formulier(sol.cells[i - 1])
    }
    n_regions = sum(c.source.count(me.BEGIN_SOLUTION) + c.source.count(me.BEGIN_ANTWOORD)
                    for i, c in enumerate(sol.cells)
                    if i not in onder_formulier
                    and me.DOCENT_TAG not in c.get("metadata", {}).get("tags", []))
    n_stubs = sum(c.source.count("vul hier je") + c.source.count(me.STUB_TEKST) for c in ex.cells)
    assert n_regions > 0, f"solutions/{path.name} has no solution regions"
    assert n_stubs >= n_regions
    leaks = [line for line in _solution_lines(sol) if line in raw]
    assert not leaks, f"solution text in exercises/{path.name}: {leaks[:3]}"
    for cell in ex.cells:
        assert cell.get("outputs", []) == []
        assert cell.get("execution_count") is None


@pytest.mark.parametrize("path", SOLUTION_FILES, ids=lambda p: p.name)
def test_exercise_code_is_valid_python(path: Path) -> None:
    ex = nbformat.read(EXERCISES / path.name, as_version=4)
    for source in _code(ex):
        ast.parse("\n".join(line for line in source.split("\n") if not line.lstrip().startswith(("%", "!"))))


@pytest.mark.parametrize("path", SOLUTION_FILES, ids=lambda p: p.name)
def test_notebook_opens_with_content_note_help_lines_and_lesson_start(path: Path) -> None:
    from voordeur.lessen import les

    nb = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in nb.cells[:4] if c.cell_type == "markdown")
    for number in ("112", "0800-2000", "0800-0432"):
        assert number in text, f"{path.name}: help line {number} missing near the top"
    first_code = _code(nb)[0]
    m = re.search(r"les\.start\((\d+)\)", first_code)
    assert m, f"{path.name}: first code cell must call les.start(N)"
    expected = nb.metadata.get("voordeur", {}).get("les")
    assert expected is not None, f"{path.name}: notebook metadata voordeur.les is missing"
    assert int(m.group(1)) == int(expected)
    les(int(m.group(1)))  # the lesson exists


@pytest.mark.parametrize("path", SOLUTION_FILES, ids=lambda p: p.name)
def test_checks_in_notebooks_exist(path: Path) -> None:
    from voordeur.checks import opdrachten

    codes = set(re.findall(r"(?:controleer|oefen)\(\s*[\"']([\d.]+)[\"']", path.read_text(encoding="utf-8")))
    unknown = codes - set(opdrachten())
    assert not unknown, f"{path.name} calls checks that do not exist: {sorted(unknown)}"


@pytest.mark.parametrize("path", SOLUTION_FILES, ids=lambda p: p.name)
def test_solutions_are_executed_and_every_check_passes(path: Path) -> None:
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] != "code" or "controleer(" not in "".join(cell["source"]):
            continue
        texts = ["".join(o.get("data", {}).get("text/plain", "")) for o in cell.get("outputs", [])]
        assert any("✔ Goed!" in t for t in texts), (
            f"{path.name}: a check cell has no stored '✔ Goed!' output: run tools/run_notebooks.py solutions"
        )


@pytest.mark.parametrize("path", SOLUTION_FILES, ids=lambda p: p.name)
def test_content_note_is_the_generated_one(path: Path) -> None:
    from voordeur_bouw import vaste_delen

    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "veilig-leren" in c.get("metadata", {}).get("tags", [])]
    # the lesson's own note: with the Centrum Seksueel Geweld line when the lesson's flag says so (issue 12)
    assert len(tagged) == 1 and tagged[0].source == vaste_delen.veilig_leren(nb.metadata["voordeur"]["les"])


WITH_CHECKS = [p for p in SOLUTION_FILES if "controleer(" in p.read_text(encoding="utf-8")]


@pytest.mark.slow
@pytest.mark.parametrize("path", WITH_CHECKS, ids=lambda p: p.name)
def test_unanswered_exercise_runs_and_says_not_filled_in(path: Path) -> None:
    """Run all with every stub unanswered: no errors, and every check says "Nog niet ingevuld"."""
    from nbclient import NotebookClient

    nb = nbformat.read(EXERCISES / path.name, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(EXERCISES)}}).execute()
    for cell in nb.cells:
        if cell.cell_type != "code" or "controleer(" not in cell.source:
            continue
        texts = ["".join(o.get("data", {}).get("text/plain", "")) for o in cell.outputs]
        assert any("Nog niet ingevuld" in t for t in texts), (cell.source, texts)
