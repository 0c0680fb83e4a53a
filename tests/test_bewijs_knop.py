"""The completion page from a lesson's session: the "Maak mijn bewijs" button (issue 16, point 4)."""

from __future__ import annotations

import base64
import errno
import os
import re
from datetime import date
from pathlib import Path

import pytest

from voordeur import bewijs, quiz, veilig
from voordeur.quiz import sessie as sessies


@pytest.fixture(autouse=True)
def _schoon() -> None:
    sessies.vergeet_alles()


def _beantwoord(tmp_path: Path) -> quiz.Quiz:
    eerste = quiz.laad_bank("les3").vragen[0].id
    q = quiz.Quiz("les3", ids=[eerste], map=tmp_path)  # one quiz cell of the lesson ran
    e = q.weergaven[0]
    e.keuze.value = next(i for i, o in enumerate(e.vraag.opties) if o.goed)
    e.knop_controleer.click()
    return q


def _geen_pdf(*args: object, **kwargs: object) -> bytes:
    raise bewijs.BewijsFout("Voor een PDF is Playwright nodig.")


def test_from_the_session_with_every_question_of_the_lesson(tmp_path: Path) -> None:
    q = _beantwoord(tmp_path)
    q.sessie.naam = "Sam"
    b = bewijs.bewijs_van_sessie(q.sessie, map=tmp_path, pdf=False, op=date(2026, 12, 2))
    assert b.html_pad == tmp_path / "bewijs-les3.html" and b.pdf is None and b.pdf_pad is None
    assert b.html_pad.read_text(encoding="utf-8") == b.html
    assert '<html lang="nl">' in b.html and "Sam" in b.html and "2 december 2026" in b.html
    n = len(q.bank.vragen)
    assert len(q.sessie.vragen) == 1 < n
    assert f"nog niet af (1 van {n} beantwoord)" in b.html  # the whole bank counts, not only shown cells
    assert f"je hebt 1 van de {n} vragen beantwoord" in b.melding
    assert "bewijs-les3.html" in b.melding
    # never over another file
    tweede = bewijs.bewijs_van_sessie(q.sessie, map=tmp_path, pdf=False)
    assert tweede.html_pad == tmp_path / "bewijs-les3-2.html"


def test_a_read_only_folder_still_gives_the_page_as_a_download(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    q = _beantwoord(tmp_path)

    def vol(*args: object, **kwargs: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(veilig.os, "fsync", vol)
    b = bewijs.bewijs_van_sessie(q.sessie, map=tmp_path, pdf=False)
    assert b.html_pad is None and "kon niet worden bewaard" in b.melding and "Download" in b.melding
    assert "<h1>Bewijs van deelname" in b.html
    assert list(tmp_path.iterdir()) == []  # nothing half-written


def test_the_button_writes_the_file_and_offers_downloads(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    q = _beantwoord(tmp_path)
    q.naam.value = "Noor"
    monkeypatch.setattr(bewijs, "html_naar_pdf", lambda tekst, **kw: b"%PDF-1.7 nep")
    q._bewijs_klik()
    uit = q.bewijs_melding.value
    assert (tmp_path / "bewijs-les3.html").exists() and (tmp_path / "bewijs-les3.pdf").exists()
    links = dict(re.findall(r'download="([^"]+)" href="data:[^;]+;base64,([^"]+)"', uit))
    assert set(links) == {"bewijs-les3.html", "bewijs-les3.pdf"}
    assert "Noor" in base64.b64decode(links["bewijs-les3.html"]).decode("utf-8")
    assert base64.b64decode(links["bewijs-les3.pdf"]) == b"%PDF-1.7 nep"
    assert "✔" in uit and "bewijs-les3.html" in uit  # words and a symbol, never colour alone


def test_without_chromium_the_button_says_how_to_print_a_pdf(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    q = _beantwoord(tmp_path)
    monkeypatch.setattr(bewijs, "html_naar_pdf", _geen_pdf)
    q._bewijs_klik()
    uit = q.bewijs_melding.value
    assert "Een PDF is niet gelukt" in uit and "Opslaan als PDF" in uit
    assert 'download="bewijs-les3.html"' in uit and ".pdf" not in re.sub(r"bewijs-les3\.html", "", uit)


def test_class_mode_has_no_completion_button() -> None:
    from voordeur.quiz.widgets import _is_zichtbaar

    assert not _is_zichtbaar(quiz.Quiz("les3", klasmodus=True).knop_bewijs)
    assert _is_zichtbaar(quiz.Quiz("les3").knop_bewijs)
