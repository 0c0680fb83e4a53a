"""The one build (issue 12): text sources, the manifest, injected fixed parts, no drift, no churn.

Nothing here executes a whole lesson (nbval checks the stored outputs); one small notebook is built
twice to show that building gives the same bytes.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from gereedschap import laad_tool

from voordeur import lessen

ROOT = Path(__file__).resolve().parents[1]


build = laad_tool("build")
DOELEN = build.doelen()


def test_nothing_drifted_from_its_source() -> None:
    """Built notebooks, exercises, README table, teacher guide, online links, schema: all current."""
    assert build.drift() == []


@pytest.mark.parametrize("doel", DOELEN, ids=lambda d: d.naam)
def test_every_built_notebook_has_a_text_source_and_no_timestamps(doel) -> None:  # type: ignore[no-untyped-def]
    assert doel.bron.is_file(), f"{doel.naam}: its text source {doel.bron} is missing"
    assert doel.bron.read_text(encoding="utf-8").startswith("---\njupytext:")
    tekst = doel.notebook.read_text(encoding="utf-8")
    assert '"execution"' not in tekst and "iopub." not in tekst, "execution timestamps in a built notebook"
    nb = nbformat.read(doel.notebook, as_version=4)
    assert [c.id for c in nb.cells] == [build._cel_id(doel, i) for i in range(len(nb.cells))]


def test_the_sources_hold_no_fixed_parts() -> None:
    """Title, content note, sources and navigation are injected, never written into a source."""
    for doel in DOELEN:
        tekst = doel.bron.read_text(encoding="utf-8")
        assert "Dit onderwerp kan je raken" not in tekst, doel.bron
        assert "> **Hulp en advies**" not in tekst and "## Bronnen" not in tekst, doel.bron
        assert '"tags": ["kop"]' not in tekst and '"tags": ["navigatie"]' not in tekst, doel.bron


def test_a_changed_word_in_a_source_is_drift(tmp_path: Path) -> None:
    doel = next(d for d in DOELEN if d.notebook.name == "04-meldcode.ipynb")
    bron = tmp_path / "les.md"
    tekst = doel.bron.read_text(encoding="utf-8")
    assert "## Leerdoelen" in tekst
    bron.write_text(tekst.replace("## Leerdoelen", "## Doelen", 1), encoding="utf-8")
    gewijzigd = build.Doel(doel.notebook, bron, doel.soort, doel.les)
    (melding,) = build.drift_notebook(gewijzigd)
    assert "cel 1 wijkt af" in melding and "make build" in melding


def test_an_edited_built_notebook_is_drift(tmp_path: Path) -> None:
    doel = next(d for d in DOELEN if d.notebook.name == "quizzen.ipynb")
    nb = nbformat.read(doel.notebook, as_version=4)
    nb.cells[0].source += " (met de hand bewerkt)"
    kopie = tmp_path / "quizzen.ipynb"
    nbformat.write(nb, kopie)
    assert build.drift_notebook(build.Doel(kopie, doel.bron, doel.soort, doel.les))


def test_fixed_parts_follow_the_manifest_flag() -> None:
    for doel in DOELEN:
        if doel.les is None:
            continue
        nb = nbformat.read(doel.notebook, as_version=4)
        (notitie,) = [c for c in nb.cells if "veilig-leren" in c.metadata.get("tags", [])]
        assert ("0800-0188" in notitie.source) == doel.les.seksueel_geweld, doel.naam


def test_building_twice_gives_the_same_bytes(tmp_path: Path) -> None:
    """No churn: execution is reproducible (no timings, numbered widget ids, stable cell ids)."""
    doel = next(d for d in DOELEN if d.notebook.name == "quizzen.ipynb")
    kopie = build.Doel(tmp_path / "notebooks" / "quizzen.ipynb", doel.bron, doel.soort, doel.les)
    build.bouw_notebook(kopie)
    eerste = kopie.notebook.read_bytes()
    build.bouw_notebook(kopie)
    assert kopie.notebook.read_bytes() == eerste
    assert eerste == doel.notebook.read_bytes(), "the committed quiz app differs from a fresh build"


def test_a_failing_cell_is_a_dutch_message_and_writes_nothing(tmp_path: Path) -> None:
    doel = next(d for d in DOELEN if d.notebook.name == "quizzen.ipynb")
    bron = tmp_path / "kapot.md"
    bron.write_text(doel.bron.read_text(encoding="utf-8").replace("les.start(0)", "les.start(0)\n1 / 0", 1),
                    encoding="utf-8")
    uit = tmp_path / "notebooks" / "kapot.ipynb"
    with pytest.raises(build.BouwFout) as info:
        build.bouw_notebook(build.Doel(uit, bron, doel.soort, doel.les))
    assert "kapot.md" in str(info.value) and "ZeroDivisionError" in str(info.value)
    assert "niet veranderd" in str(info.value) and not uit.exists()
    with pytest.raises(build.BouwFout, match="bestaat niet"):
        build.bouw_notebook(build.Doel(uit, tmp_path / "weg.md", doel.soort, doel.les))


# --- the manifest ------------------------------------------------------------------------------------------

def test_manifest_is_the_one_list() -> None:
    alle = lessen.lessen()
    assert [x.nummer for x in alle] == sorted(x.nummer for x in alle)
    for item in alle:
        assert (ROOT / "notebooks" / item.bestand).is_file()
        assert (ROOT / "lessen" / item.map / "les.md").is_file()
        assert (ROOT / "lessen" / item.map / item.docent).is_file()
        if item.bank:
            assert (ROOT / "data" / "quizzes" / f"{item.bank}.yaml").is_file()
        if item.oefening:
            assert (ROOT / "solutions" / item.oefening).is_file()
            assert (ROOT / "lessen" / item.map / "oefening.md").is_file()
        if item.oefening_zonder_code:  # the no-code route (issue 17), built the same way
            assert (ROOT / "solutions" / item.oefening_zonder_code).is_file()
            assert (ROOT / "exercises" / item.oefening_zonder_code).is_file()
            assert (ROOT / "lessen" / item.map / lessen.ZONDER_CODE_BRON).is_file()
    assert lessen.manifest_pad() == ROOT / "src" / "voordeur" / "lessen.toml"


@pytest.mark.parametrize(("tekst", "woorden"), [
    ("", "geen enkele [[les]]"),
    ("[[les]]\nnummer = 'een'\n", "veld 'nummer'"),
    ("[[les]]\nnummer = 1\nmap = 'a'\ntitel = 'T'\nduur = '1'\nsamenvatting = 's'\n", "veld 'notebook'"),
    ("[[les]]\nnummer = 1\nmap = 'a'\ntitel = 'T'\nduur = '1'\nsamenvatting = 's'\nnotebook = 'a.ipynb'\n"
     "seksueel_geweld = 'ja'\n", "true of false"),
    ("[[les]]\nnummer = 1\nmap = 'a'\ntitel = 'T'\nduur = '1'\nsamenvatting = 's'\nnotebook = 'a.ipynb'\n"
     "banc = 'x'\n", "veld 'banc'"),
    ("[[les\n", "geen geldige TOML"),
])
def test_a_broken_manifest_names_file_and_field(tmp_path: Path, tekst: str, woorden: str) -> None:
    pad = tmp_path / "lessen.toml"
    pad.write_text(tekst, encoding="utf-8")
    with pytest.raises(lessen.LessenFout) as info:
        lessen.lessen(pad)
    assert str(pad) in str(info.value) and woorden in str(info.value)
