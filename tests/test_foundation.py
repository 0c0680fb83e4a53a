"""The lesson list, the generated fixed parts, the README table and the friendly error handler."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from voordeur import lessen
from voordeur.fouten import VoordeurFout
from voordeur.weergave import Melding, Tekst
from voordeur_bouw import vaste_delen

ROOT = Path(__file__).resolve().parents[1]


def test_lesson_numbers_and_files_are_unique_and_ordered() -> None:
    nummers = [x.nummer for x in lessen.LESSEN]
    assert nummers == sorted(nummers) == list(range(len(nummers)))
    assert len({x.bestand for x in lessen.LESSEN}) == len(lessen.LESSEN)
    for item in lessen.LESSEN:
        assert item.bestand.startswith(f"{item.nummer:02d}-") and item.bestand.endswith(".ipynb")


def test_unknown_lesson_gives_clear_message() -> None:
    with pytest.raises(KeyError, match="Les 42 bestaat niet"):
        lessen.les(42)


def test_navigation_links_previous_and_next() -> None:
    nav = vaste_delen.navigatie(3)
    assert "02-kindermishandeling-veilig-thuis.ipynb" in nav
    assert "04-meldcode.ipynb" in nav
    laatste = lessen.LESSEN[-1].nummer  # the last lesson in the manifest (6 today): no "Volgende"
    assert "Vorige" in vaste_delen.navigatie(laatste) and "Volgende" not in vaste_delen.navigatie(laatste)
    assert "Vorige" not in vaste_delen.navigatie(0)


def test_content_note_has_all_help_lines() -> None:
    tekst = vaste_delen.veilig_leren()
    for nummer in ("112", "0800-2000", "0800-0432"):
        assert f"**{nummer}**" in tekst


def test_sources_block_rejects_unknown_ids(tmp_path: Path) -> None:
    (tmp_path / "sources.csv").write_text(
        "bron_id,uitgever,titel,jaar,url,opgehaald,status,opmerking\n"
        "a,CBS,Titel,2020,https://www.cbs.nl/,2026-11-23,geverifieerd,\n",
        encoding="utf-8",
    )
    assert "https://www.cbs.nl/" in vaste_delen.bronnen(["a"], tmp_path)
    with pytest.raises(KeyError, match="Onbekende bron-id"):
        vaste_delen.bronnen(["a", "b"], tmp_path)


def test_readme_lesson_table_is_generated_and_current() -> None:
    result = subprocess.run([sys.executable, "tools/readme_lessons.py", "--check"], cwd=ROOT)
    assert result.returncode == 0, "README lesson table is stale: run python tools/readme_lessons.py"


def test_display_objects_carry_plain_text() -> None:
    bundle = Tekst("**8,3%**", "8,3%")._repr_mimebundle_()
    assert bundle["text/plain"] == "8,3%"
    melding = Melding("<script>x</script>")._repr_mimebundle_()
    assert "<script>" not in melding["text/html"]
    assert "Let op" in melding["text/plain"]


def test_friendly_error_handler_shows_message_not_traceback() -> None:
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output

    from voordeur import les

    shell = InteractiveShell.instance()
    try:
        assert les.installeer_foutmeldingen()
        with capture_output() as captured:
            shell.run_cell(
                "from voordeur.fouten import VoordeurFout\n"
                "raise VoordeurFout('Bestand data/x.csv, regel 3, veld jaar: geen getal')"
            )
        text = captured.stdout + "".join(o.data.get("text/plain", "") for o in captured.outputs)
        assert "regel 3, veld jaar" in text
        assert "Traceback" not in text
    finally:
        InteractiveShell.clear_instance()
    assert issubclass(VoordeurFout, Exception)
