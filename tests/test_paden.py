"""One rule for the data folder (voordeur.paden): VOORDEUR_DATA, data/ upwards, the source tree, the wheel."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from voordeur import data, paden
from voordeur.quiz import QuizFout
from voordeur.quiz import bank as quizbank

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _geen_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VOORDEUR_DATA", raising=False)


def test_env_wins_and_may_name_the_datapackage(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "eigen").mkdir()
    (tmp_path / "eigen" / "datapackage.json").write_text("{}", encoding="utf-8")
    monkeypatch.chdir(ROOT)  # the repository's data/ would be found otherwise
    monkeypatch.setenv("VOORDEUR_DATA", str(tmp_path / "eigen" / "datapackage.json"))
    assert paden.datamap() == tmp_path / "eigen"


def test_env_without_what_is_needed_names_the_variable(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOORDEUR_DATA", str(tmp_path))
    with pytest.raises(paden.MapFout, match="VOORDEUR_DATA") as info:
        paden.datamap("quizzes")
    assert info.value.bestand == str(tmp_path / "quizzes")
    with pytest.raises(QuizFout, match="VOORDEUR_DATA"):
        quizbank.quizmap()


def test_data_upwards_from_the_working_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "datapackage.json").write_text("{}", encoding="utf-8")
    (tmp_path / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "a" / "b")
    assert paden.datamap() == (tmp_path / "data").resolve()


def test_a_teachers_own_banks_win_while_data_come_from_elsewhere(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    # a working folder with only data/quizzes/: banks from there, the data package from the source tree
    eigen = tmp_path / "data" / "quizzes"
    eigen.mkdir(parents=True)
    shutil.copy(ROOT / "data" / "quizzes" / "voorbeeld.yaml", eigen / "mijn-casussen.yaml")
    monkeypatch.chdir(tmp_path)
    assert quizbank.quizmap() == (tmp_path / "data" / "quizzes").resolve()
    assert quizbank.quizmappen() == [(tmp_path / "data" / "quizzes").resolve(), ROOT / "data" / "quizzes"]
    assert {"mijn-casussen", "les1", "voorbeeld"} <= set(quizbank.banken())
    assert data.datamap() == ROOT / "data"
    # same name: the teacher's bank wins; other names still come from the module's own banks
    tekst = (ROOT / "data" / "quizzes" / "voorbeeld.yaml").read_text(encoding="utf-8")
    (eigen / "les1.yaml").write_text(tekst, encoding="utf-8")
    assert quizbank.zoek_bank("les1") == (eigen / "les1.yaml").resolve()
    assert quizbank.zoek_bank("les2") == ROOT / "data" / "quizzes" / "les2.yaml"


def test_source_tree_is_the_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert paden.datamap() == ROOT / "data"
    assert paden.kandidaten(tmp_path)[-1] in (ROOT / "data", paden._ingepakt())


def test_nothing_found_gives_a_dutch_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(paden, "_bron_map", lambda: tmp_path / "nergens")
    monkeypatch.setattr(paden, "_ingepakt", lambda: None)
    with pytest.raises(data.DataFout, match="Ik kan de map met data niet vinden") as info:
        data.datamap()
    assert info.value.bestand == "data/datapackage.json"


def test_packaged_copy_is_used_last(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ingepakt = tmp_path / "site-packages" / "voordeur" / "_data"
    (ingepakt / "quizzes").mkdir(parents=True)
    (ingepakt / "datapackage.json").write_text("{}", encoding="utf-8")
    werk = tmp_path / "werk"
    werk.mkdir()
    monkeypatch.chdir(werk)
    monkeypatch.setattr(paden, "_bron_map", lambda: tmp_path / "geen-bron")
    monkeypatch.setattr(paden, "_ingepakt", lambda: ingepakt)
    assert paden.datamap() == ingepakt
    assert quizbank.quizmap() == ingepakt / "quizzes"
