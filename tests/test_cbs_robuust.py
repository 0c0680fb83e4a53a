"""The CBS refresh never hangs and never half-writes ``data/`` (offline: fake servers on 127.0.0.1).

A proxy that never answers is a local socket that accepts and then stays silent; a full disk or a
read-only folder is a monkeypatched ``OSError`` (ENOSPC, EROFS, EACCES), so no root is needed.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fake_cbs import FakeCbs

from voordeur import data, veilig
from voordeur_bouw import cbs

DATA = Path(__file__).resolve().parents[1] / "data"
VANDAAG = dt.date(2031, 1, 2)


@pytest.fixture
def kopie(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    doel = tmp_path / "data"
    shutil.copytree(DATA, doel, ignore=shutil.ignore_patterns("quizzes"))
    monkeypatch.setenv("VOORDEUR_DATA", str(doel))
    data.leeg_cache()
    yield doel
    data.leeg_cache()


def _stand(map_: Path) -> dict[str, bytes]:
    """Every file in the data folder with its bytes: 'data/ exactly as it was'."""
    return {str(p.relative_to(map_)): p.read_bytes() for p in sorted(map_.rglob("*")) if p.is_file()}


@contextmanager
def stille_server(antwoord: bytes = b"") -> Iterator[str]:
    """Accepts connections, optionally sends the start of an answer, then never says anything more."""
    sok = socket.socket()
    sok.bind(("127.0.0.1", 0))
    sok.listen(16)
    stop = threading.Event()
    open_verbindingen: list[socket.socket] = []

    def loop() -> None:
        sok.settimeout(0.1)
        while not stop.is_set():
            try:
                verbinding, _ = sok.accept()
            except OSError:
                continue
            open_verbindingen.append(verbinding)
            if antwoord:
                verbinding.sendall(antwoord)

    draad = threading.Thread(target=loop, daemon=True)
    draad.start()
    try:
        yield f"127.0.0.1:{sok.getsockname()[1]}"
    finally:
        stop.set()
        draad.join(2)
        for v in open_verbindingen:
            v.close()
        sok.close()


@pytest.mark.parametrize("antwoord", [
    b"",                                                                          # no answer at all
    b"HTTP/1.1 200 OK\r\n",                                                       # stalls in the headers
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 999\r\n\r\n{\"va",  # in the body
])
def test_a_server_that_never_answers_times_out(kopie: Path, antwoord: bytes) -> None:
    voor = _stand(kopie)
    begin = time.perf_counter()
    with stille_server(antwoord) as url, pytest.raises(cbs.CbsFout) as e:
        cbs.verversen(kopie, catalog_url=url, https=False, vandaag=VANDAAG, tijdslimiet=(1.0, 1.0))
    assert time.perf_counter() - begin < 15
    assert "geen antwoord" in str(e.value) and "niets overschreven" in str(e.value)
    assert _stand(kopie) == voor


def test_every_request_has_a_timeout(kopie: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import requests

    echt = requests.Session.send
    gezien: list[object] = []

    def spion(self: requests.Session, verzoek: requests.PreparedRequest, **kwargs: object) -> object:
        gezien.append(kwargs.get("timeout"))
        return echt(self, verzoek, **kwargs)

    monkeypatch.setattr(requests.Session, "send", spion)
    with FakeCbs() as server:
        cbs.verversen(kopie, catalog_url=server.url, https=False, vandaag=VANDAAG)
    assert gezien and all(t == veilig.TIJDSLIMIET for t in gezien)


@pytest.mark.parametrize("welke", [1, 2])
@pytest.mark.parametrize(("code", "woorden"), [
    (errno.ENOSPC, "schijf is vol"), (errno.EROFS, "alleen-lezen"), (errno.EACCES, "geen toestemming"),
])
def test_a_failed_rename_leaves_data_exactly_as_it_was(kopie: Path, monkeypatch: pytest.MonkeyPatch,
                                                       welke: int, code: int, woorden: str) -> None:
    voor = _stand(kopie)
    echt = os.replace
    teller = {"n": 0}

    def soms(bron: object, doel: object) -> None:
        teller["n"] += 1
        if teller["n"] == welke:
            raise OSError(code, os.strerror(code))
        echt(bron, doel)  # type: ignore[arg-type]

    with FakeCbs() as server:
        monkeypatch.setattr(veilig.os, "replace", soms)
        with pytest.raises(cbs.CbsFout) as e:
            cbs.verversen(kopie, catalog_url=server.url, https=False, vandaag=VANDAAG)
    monkeypatch.undo()
    assert woorden in str(e.value) and "niets veranderd" in str(e.value)
    assert _stand(kopie) == voor
    assert not list(kopie.glob("*.nieuw")) and not list(kopie.glob(".*"))


@pytest.mark.parametrize("welke", [1, 2])
def test_a_full_disk_while_writing_leaves_data_exactly_as_it_was(kopie: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 welke: int) -> None:
    voor = _stand(kopie)
    echt = os.fsync
    teller = {"n": 0}

    def vol(fd: int) -> None:
        teller["n"] += 1
        if teller["n"] == welke:
            raise OSError(errno.ENOSPC, "No space left on device")
        echt(fd)

    with FakeCbs() as server:
        monkeypatch.setattr(veilig.os, "fsync", vol)
        with pytest.raises(cbs.CbsFout, match="schijf is vol"):
            cbs.verversen(kopie, catalog_url=server.url, https=False, vandaag=VANDAAG)
    monkeypatch.undo()
    assert _stand(kopie) == voor


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EACCES])
def test_no_room_for_the_trial_copy(kopie: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    voor = _stand(kopie)

    def faal(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    with FakeCbs() as server:
        monkeypatch.setattr(cbs.shutil, "copytree", faal)
        with pytest.raises(cbs.CbsFout, match="niets overschreven"):
            cbs.verversen(kopie, catalog_url=server.url, https=False, vandaag=VANDAAG)
    assert _stand(kopie) == voor


@pytest.mark.parametrize(("inhoud", "woorden"), [
    (lambda t: t.encode("cp1252", errors="replace").replace(b"e", b"\xe9"), "Windows-1252"),
    (lambda t: t.encode("utf-16"), "UTF-16"),
])
def test_an_unreadable_csv_is_named(kopie: Path, inhoud: object, woorden: str) -> None:
    pad = kopie / "sources.csv"
    pad.write_bytes(inhoud(pad.read_text(encoding="utf-8")))  # type: ignore[operator]
    voor = _stand(kopie)
    with FakeCbs() as server, pytest.raises(cbs.CbsFout) as e:
        cbs.verversen(kopie, catalog_url=server.url, https=False, vandaag=VANDAAG)
    assert woorden in str(e.value) and "sources.csv" in str(e.value) and "niets overschreven" in str(e.value)
    assert _stand(kopie) == voor


def test_a_successful_refresh_leaves_no_leftovers(kopie: Path) -> None:
    voor = set(_stand(kopie))
    with FakeCbs() as server:
        cbs.verversen(kopie, catalog_url=server.url, https=False, vandaag=VANDAAG)
    assert set(_stand(kopie)) == voor


@pytest.mark.parametrize("code", [errno.ENETUNREACH, errno.ECONNREFUSED, errno.EHOSTUNREACH])
def test_no_network_gives_a_dutch_message(kopie: Path, monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    import urllib3.util.connection

    def geen_net(*args: object, **kwargs: object) -> None:
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(urllib3.util.connection, "create_connection", geen_net)
    voor = _stand(kopie)
    with pytest.raises(cbs.CbsFout, match=r"internetverbinding.*niets overschreven"):
        cbs.verversen(kopie, vandaag=VANDAAG)
    assert _stand(kopie) == voor


def _unshare_werkt() -> bool:
    if not shutil.which("unshare"):
        return False
    try:
        return subprocess.run(["unshare", "-rn", "true"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.mark.skipif(not _unshare_werkt(), reason="needs 'unshare -rn' (a network namespace without network)")
def test_refresh_without_any_network_in_a_namespace(kopie: Path) -> None:
    """The real command in a namespace with no network at all: a Dutch message, exit 1, data unchanged."""
    voor = _stand(kopie)
    begin = time.perf_counter()
    r = subprocess.run(["unshare", "-rn", sys.executable, "-m", "voordeur_bouw.cbs", "refresh"],
                       capture_output=True, text=True, timeout=300,
                       env={**os.environ, "VOORDEUR_DATA": str(kopie)})
    assert time.perf_counter() - begin < 120
    assert r.returncode == 1 and "Niet gelukt" in r.stderr and "niets overschreven" in r.stderr
    assert "Traceback" not in r.stderr
    assert _stand(kopie) == voor
