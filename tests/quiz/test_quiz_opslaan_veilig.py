"""Saving that fails leaves nothing behind; reading back a bad file explains it and keeps the file.

Full disk, read-only folder and no permission are simulated with a monkeypatched ``OSError``, so the
tests also run without root (they run as root here, where chmod would not stop anything).
"""

from __future__ import annotations

import codecs
import errno
import json
import os
from pathlib import Path

import pytest

from voordeur import quiz, veilig
from voordeur.quiz import opslaan


@pytest.fixture
def q(tmp_path: Path) -> quiz.Quiz:
    quiz_ = quiz.Quiz("voorbeeld", map=tmp_path)
    e = quiz_.weergaven[0]
    e.keuze.value = next(i for i, o in enumerate(e.vraag.opties) if o.goed)
    e.knop_controleer.click()
    return quiz_


def _faal(code: int):
    def faal(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    return faal


FOUTEN = [(errno.ENOSPC, "schijf is vol"), (errno.EROFS, "alleen-lezen"), (errno.EACCES, "geen toestemming"),
          (errno.EDQUOT, "quota")]


@pytest.mark.parametrize("waar", ["fsync", "link+replace", "mkstemp", "write"])
@pytest.mark.parametrize(("code", "woorden"), FOUTEN)
def test_failed_save_leaves_nothing_and_the_next_save_is_clean(q: quiz.Quiz, tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch, waar: str,
                                                               code: int, woorden: str) -> None:
    if waar == "mkstemp":
        monkeypatch.setattr(veilig.tempfile, "mkstemp", _faal(code))
    elif waar == "write":
        echt = os.fdopen

        def kapot_fdopen(fd: int, *args: object, **kwargs: object):
            f = echt(fd, *args, **kwargs)  # type: ignore[arg-type]

            class Vol:
                def __enter__(self) -> Vol:
                    return self

                def __exit__(self, *exc: object) -> None:
                    f.close()

                def write(self, data: bytes) -> int:
                    f.write(data[: len(data) // 2])
                    raise OSError(code, os.strerror(code))

            return Vol()

        monkeypatch.setattr(veilig.os, "fdopen", kapot_fdopen)
    else:  # "link+replace": no hard links, and the fallback fails too
        for naam in waar.split("+"):
            monkeypatch.setattr(veilig.os, naam, _faal(code))
    pad, melding = opslaan.bewaar_met_melding(q)
    assert pad is None
    assert melding.startswith("Opslaan is niet gelukt") and woorden in melding
    assert list(tmp_path.iterdir()) == []  # no empty or half antwoorden-....json, no temp file
    with pytest.raises(quiz.QuizFout, match=woorden):
        quiz.bewaar(q)
    assert list(tmp_path.iterdir()) == []

    monkeypatch.undo()
    pad, melding = opslaan.bewaar_met_melding(q)
    assert pad == tmp_path / "antwoorden-voorbeeld.json"
    assert "bestond al" not in melding
    assert json.loads(pad.read_text(encoding="utf-8"))["vragen"][0]["eind"]["status"] == "goed"


@pytest.mark.parametrize("code", [errno.EPERM, errno.ENOSYS, errno.EACCES])
def test_saving_without_hard_links(q: quiz.Quiz, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                   code: int) -> None:
    monkeypatch.setattr(veilig.os, "link", _faal(code))
    namen = [opslaan.bewaar_met_melding(q)[0].name for _ in range(2)]  # type: ignore[union-attr]
    assert namen == ["antwoorden-voorbeeld.json", "antwoorden-voorbeeld-2.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(namen)
    assert json.loads((tmp_path / namen[0]).read_text(encoding="utf-8"))["bank"] == "voorbeeld"


def test_numbered_names_are_still_used(q: quiz.Quiz, tmp_path: Path) -> None:
    namen = [opslaan.bewaar_met_melding(q)[0].name for _ in range(3)]  # type: ignore[union-attr]
    assert namen == ["antwoorden-voorbeeld.json", "antwoorden-voorbeeld-2.json",
                     "antwoorden-voorbeeld-3.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(namen)


def test_the_widget_button_reports_a_full_disk(q: quiz.Quiz, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(veilig.os, "fsync", _faal(errno.ENOSPC))
    q._bewaar_klik()
    assert "schijf is vol" in q.bewaar_melding.value
    assert list(tmp_path.iterdir()) == []


# --- reading back ---------------------------------------------------------------------------------------

def _geldig(q: quiz.Quiz, tmp_path: Path) -> dict:
    pad = quiz.bewaar(q, tmp_path / "goed.json")
    return json.loads(pad.read_text(encoding="utf-8"))


SLECHT = {
    "kapot": (b'{"formaat": ', "beschadigd"),
    "leeg": (b"", "beschadigd"),
    "spaties": (b"   \n", "beschadigd"),
    "diep-lijst": (b"[" * 100_000 + b"]" * 100_000, "diep genest"),
    "diep-object": (b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "diep genest"),
    "diep-zonder-einde": (b"[" * 1_000_000, "diep genest"),
    "utf16": ('{"formaat": "voordeur-quiz-antwoorden"}'.encode("utf-16"), "UTF-16"),
    "cp1252": ('{"titel": "café"}'.encode("cp1252"), "Windows-1252"),
    "nul": (b'{"a": "\x00"}', "NUL"),
    "lijst": (b"[1, 2]", "geen antwoordenbestand"),
    "getal": (b"12", "geen antwoordenbestand"),
    "ander-formaat": (b'{"formaat": "iets anders"}', "geen antwoordenbestand"),
    "nan": (b'{"formaat": NaN}', "geen antwoordenbestand"),
}


@pytest.mark.parametrize("naam", sorted(SLECHT))
def test_bad_files_get_a_message_and_are_kept(tmp_path: Path, naam: str) -> None:
    inhoud, woorden = SLECHT[naam]
    pad = tmp_path / f"{naam}.json"
    pad.write_bytes(inhoud)
    with pytest.raises(quiz.QuizFout) as e:
        quiz.lees_antwoorden(pad)
    assert woorden in str(e.value) and str(pad) in str(e.value)
    assert pad.read_bytes() == inhoud  # the file is kept as it is
    assert sorted(p.name for p in tmp_path.iterdir()) == [f"{naam}.json"]


@pytest.mark.parametrize("versie", [3, 99, 10**6])  # 2 is read since issue 16 (one save format)
def test_a_future_version_says_update(q: quiz.Quiz, tmp_path: Path, versie: int) -> None:
    data = _geldig(q, tmp_path)
    pad = tmp_path / "nieuw.json"
    inhoud = json.dumps({**data, "formaat_versie": versie})
    pad.write_text(inhoud, encoding="utf-8")
    with pytest.raises(quiz.QuizFout, match=r"nieuwere.*Werk de module bij"):
        quiz.lees_antwoorden(pad)
    assert pad.read_text(encoding="utf-8") == inhoud


@pytest.mark.parametrize("versie", [0, "1", None, True, 1.5, [1]])
def test_an_odd_version_is_another_version(q: quiz.Quiz, tmp_path: Path, versie: object) -> None:
    data = _geldig(q, tmp_path)
    pad = tmp_path / "raar.json"
    pad.write_text(json.dumps({**data, "formaat_versie": versie}), encoding="utf-8")
    with pytest.raises(quiz.QuizFout, match="andere versie"):
        quiz.lees_antwoorden(pad)


def test_notepad_bom_is_read(q: quiz.Quiz, tmp_path: Path) -> None:
    data = _geldig(q, tmp_path)
    pad = tmp_path / "kladblok.json"
    inhoud = codecs.BOM_UTF8 + json.dumps(data).replace("\n", "\r\n").encode("utf-8")
    pad.write_bytes(inhoud)
    assert quiz.lees_antwoorden(pad)["bank"] == "voorbeeld"
    assert pad.read_bytes() == inhoud


@pytest.mark.parametrize(("veld", "waarde"), [("vragen", {}), ("vragen", "x"), ("samenvatting", []),
                                              ("samenvatting", 3)])  # format 2: samenvatting, no score
def test_wrong_shapes_are_reported(q: quiz.Quiz, tmp_path: Path, veld: str, waarde: object) -> None:
    data = _geldig(q, tmp_path)
    pad = tmp_path / "vorm.json"
    pad.write_text(json.dumps({**data, veld: waarde}), encoding="utf-8")
    with pytest.raises(quiz.QuizFout, match="niet de goede vorm"):
        quiz.lees_antwoorden(pad)


def test_odd_paths(tmp_path: Path) -> None:
    lus = tmp_path / "lus.json"
    lus.symlink_to(lus)
    with pytest.raises(quiz.QuizFout, match="zichzelf"):
        quiz.lees_antwoorden(lus)
    fifo = tmp_path / "fifo.json"
    os.mkfifo(fifo)
    with pytest.raises(quiz.QuizFout, match="geen gewoon bestand"):
        quiz.lees_antwoorden(fifo)
    groot = tmp_path / "groot.json"
    groot.write_bytes(b" " * (opslaan.MAX_BYTES + 1))
    with pytest.raises(quiz.QuizFout, match="te groot"):
        quiz.lees_antwoorden(groot)


def test_no_permission_to_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pad = tmp_path / "a.json"
    pad.write_text("{}", encoding="utf-8")
    monkeypatch.setattr(veilig.os, "open", _faal(errno.EACCES))
    with pytest.raises(quiz.QuizFout, match="geen toestemming"):
        quiz.lees_antwoorden(pad)


@pytest.mark.parametrize("geen_quiz", [None, "les1", 3, ["q"]])
def test_bewaar_misuse(geen_quiz: object) -> None:
    with pytest.raises(quiz.QuizFout, match=r"quiz\.bewaar\(q\)"):
        quiz.bewaar(geen_quiz)


@pytest.mark.parametrize("bank", [3, ["voorbeeld"], object()])
def test_lees_antwoorden_with_a_wrong_bank_argument(q: quiz.Quiz, tmp_path: Path, bank: object) -> None:
    pad = quiz.bewaar(q, tmp_path / "a.json")
    with pytest.raises(quiz.QuizFout, match="bank="):
        quiz.lees_antwoorden(pad, bank=bank)
