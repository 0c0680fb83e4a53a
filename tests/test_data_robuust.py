"""Broken data files: a Dutch message from the loader, "de data zijn niet goed geladen" from the
exercise checks, and Frictionless (strict: comma-separated, at least one row) rejects them too."""

from __future__ import annotations

import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import frictionless_streng
import pytest

from voordeur import checks, data, veilig

DATA = Path(__file__).resolve().parents[1] / "data"
CSV = "phgsg_vormen_2020.csv"


@pytest.fixture
def kopie(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    doel = tmp_path / "data"
    shutil.copytree(DATA, doel, ignore=shutil.ignore_patterns("quizzes"))
    monkeypatch.setenv("VOORDEUR_DATA", str(doel))
    data.leeg_cache()
    yield doel
    data.leeg_cache()


def frictionless_geldig(pakket: Path) -> tuple[bool, list[str]]:
    pytest.importorskip("frictionless")
    return frictionless_streng.geldig(pakket)


def _tekst() -> str:
    return (DATA / CSV).read_text(encoding="utf-8")


def _zonder_laatste_kolom(t: str) -> str:
    return "".join(",".join(r.split(",")[:-1]) + "\n" for r in t.splitlines())


KAPOT: dict[str, tuple[Callable[[], bytes], str]] = {
    "alleen-kop": (lambda: (_tekst().splitlines()[0] + "\n").encode(), "alleen de kopregel"),
    "alleen-kop-crlf": (lambda: (_tekst().splitlines()[0] + "\r\n\r\n").encode(), "alleen de kopregel"),
    "puntkomma": (lambda: _tekst().replace(",", ";").encode(), "; (puntkomma) als scheidingsteken"),
    "puntkomma-bom": (lambda: b"\xef\xbb\xbf" + _tekst().replace(",", ";").encode(), "puntkomma"),
    "tab": (lambda: _tekst().replace(",", "\t").encode(), "een tab als scheidingsteken"),
    "cp1252": (lambda: _tekst().replace("vrouwen", "vróuwen ‘x’").encode("cp1252"), "Windows-1252"),
    "utf16": (lambda: _tekst().encode("utf-16"), "UTF-16"),
    "utf16-le": (lambda: _tekst().encode("utf-16-le"), "UTF-16"),
    "kolom-mist": (lambda: _zonder_laatste_kolom(_tekst()).encode(), "de kolom 'bron_id' ontbreekt"),
    "nul": (lambda: _tekst().replace("vrouwen", "vrou\x00wen", 1).encode(), "NUL"),
    "leeg": (lambda: b"", "leeg"),
}


@pytest.mark.parametrize("naam", sorted(KAPOT))
def test_broken_csv_gets_a_dutch_message(kopie: Path, naam: str) -> None:
    maak, woorden = KAPOT[naam]
    (kopie / CSV).write_bytes(maak())
    with pytest.raises(data.DataFout) as e:
        data.load("phgsg_vormen_2020")
    assert woorden in str(e.value), str(e.value)
    assert "data/phgsg_vormen_2020.csv" in str(e.value)
    assert e.value.bestand == "data/phgsg_vormen_2020.csv"


@pytest.mark.parametrize("naam", sorted(KAPOT))
def test_the_checks_say_the_data_are_not_loaded(kopie: Path, naam: str) -> None:
    maak, _ = KAPOT[naam]
    (kopie / CSV).write_bytes(maak())
    fb = checks.controleer("1.1", 9.2)
    assert fb.status == checks.STORING
    assert "De data zijn niet goed geladen" in fb.tekst and "phgsg_vormen_2020.csv" in fb.tekst
    assert "nakijken lukte niet" not in fb.tekst and "Error" not in fb.tekst


@pytest.mark.parametrize("naam", ["alleen-kop", "puntkomma", "tab", "cp1252", "utf16", "kolom-mist"])
def test_frictionless_rejects_them_too(kopie: Path, naam: str) -> None:
    assert frictionless_geldig(kopie)[0], "the untouched copy must be valid"
    maak, _ = KAPOT[naam]
    (kopie / CSV).write_bytes(maak())
    assert not frictionless_geldig(kopie)[0]


@pytest.mark.parametrize(("code", "woorden"), [
    (errno.EACCES, "geen toestemming"), (errno.EPERM, "geen toestemming"), (errno.EIO, "leesfout"),
])
def test_no_read_permission(kopie: Path, monkeypatch: pytest.MonkeyPatch, code: int, woorden: str) -> None:
    def weiger(*args: object, **kwargs: object) -> int:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(veilig.os, "open", weiger)
    with pytest.raises(data.DataFout, match=woorden):
        data.load("phgsg_vormen_2020")
    fb = checks.controleer("1.1", 9.2)
    assert fb.status == checks.STORING and "De data zijn niet goed geladen" in fb.tekst


@pytest.mark.parametrize("soort", ["map", "fifo", "symlink-lus"])
def test_odd_data_files(kopie: Path, soort: str) -> None:
    pad = kopie / CSV
    pad.unlink()
    if soort == "map":
        pad.mkdir()
    elif soort == "fifo":
        os.mkfifo(pad)
    else:
        pad.symlink_to(pad)
    with pytest.raises(data.DataFout) as e:
        data.load("phgsg_vormen_2020")
    assert "phgsg_vormen_2020.csv" in str(e.value)


@pytest.mark.parametrize(("inhoud", "woorden"), [
    (b"\xff\xfe{\x00}\x00", "UTF-16"), (b"[" * 100_000, "diep genest"), (b'{"a": \x00}', "NUL"),
])
def test_broken_datapackage_json(kopie: Path, inhoud: bytes, woorden: str) -> None:
    (kopie / "datapackage.json").write_bytes(inhoud)
    with pytest.raises(data.DataFout, match=woorden):
        data.datasets()


def test_an_encoding_other_than_utf8_in_the_package(kopie: Path) -> None:
    import json

    pakket = json.loads((kopie / "datapackage.json").read_text(encoding="utf-8"))
    for r in pakket["resources"]:
        if r["name"] == "phgsg_vormen_2020":
            r["encoding"] = "cp1252"
    (kopie / "datapackage.json").write_text(json.dumps(pakket), encoding="utf-8")
    with pytest.raises(data.DataFout, match="alleen UTF-8"):
        data.load("phgsg_vormen_2020")


def test_a_bom_and_windows_line_ends_are_fine(kopie: Path) -> None:
    (kopie / CSV).write_bytes(b"\xef\xbb\xbf" + _tekst().replace("\n", "\r\n").encode())
    assert len(data.load("phgsg_vormen_2020")) == len(_tekst().splitlines()) - 1


def test_missing_rows_in_the_data_are_named_by_the_checks(kopie: Path) -> None:
    regels = _tekst().splitlines()
    (kopie / CSV).write_text("\n".join(r for r in regels if "vrouwen" not in r) + "\n", encoding="utf-8")
    fb = checks.controleer("1.1", 9.2)
    assert fb.status == checks.STORING and "De data zijn niet goed geladen" in fb.tekst
    assert "expected" not in fb.tekst
