"""A tiny fake of the CBS OData v3 bulk feed (``/ODataFeed/odata/<table>/...``) for offline tests.

It answers the requests cbsodata 1.3.5 makes: the table's index of sub-tables, ``DataProperties``, one
category list per dimension, and ``TypedDataSet``/``UntypedDataSet`` with a simple ``$filter``
(``Key eq 'value'`` joined by ``and``), ``$select`` and paging through ``odata.nextLink``.

The shape (field names, ``Type`` values, period keys such as ``2023JJ00``) follows CBS OData v3 as
cbsodata reads it. The numbers are the published figures where the data package has them, and
obviously made-up round numbers otherwise; they only ever end up in a temporary copy of the data.
"""

from __future__ import annotations

import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlencode, urlparse

TABEL = "84849NED"

DATA_PROPERTIES = [
    {"ID": 0, "Position": 0, "ParentID": None, "Type": "Dimension", "Key": "RolFunctieMelder",
     "Title": "Rol/functie melder"},
    {"ID": 1, "Position": 1, "ParentID": None, "Type": "Dimension", "Key": "DuurGeweld",
     "Title": "Duur geweld"},
    {"ID": 2, "Position": 2, "ParentID": None, "Type": "GeoDimension", "Key": "RegioS", "Title": "Regio's"},
    {"ID": 3, "Position": 3, "ParentID": None, "Type": "TimeDimension", "Key": "Perioden",
     "Title": "Perioden"},
    {"ID": 4, "Position": 4, "ParentID": None, "Type": "TopicGroup", "Key": "", "Title": "Veilig Thuis"},
    {"ID": 5, "Position": 5, "ParentID": 4, "Type": "Topic", "Key": "GestarteAdviezen_1",
     "Title": "Gestarte adviezen", "Unit": "aantal", "Datatype": "Long"},
    {"ID": 6, "Position": 6, "ParentID": 4, "Type": "Topic", "Key": "OntvangenMeldingen_2",
     "Title": "Ontvangen meldingen", "Unit": "aantal", "Datatype": "Long"},
]

DIMENSIES: dict[str, list[dict[str, Any]]] = {
    "RolFunctieMelder": [
        {"Key": "T001028", "Title": "Totaal rol/functie melder", "Description": None},
        {"Key": "A047001", "Title": "Niet beroepsmatig", "Description": None},
        {"Key": "A047002", "Title": "Beroepsmatig", "Description": None},
    ],
    "DuurGeweld": [
        {"Key": "T001019", "Title": "Totaal duur geweld", "Description": None},
        {"Key": "A048001", "Title": "Korter dan een half jaar", "Description": None},
    ],
    "RegioS": [
        {"Key": "NL01  ", "Title": "Nederland", "Description": None},
        {"Key": "LD01  ", "Title": "Noord-Nederland (LD)", "Description": None},
    ],
    "Perioden": [
        {"Key": "2019HJ01", "Title": "2019 1e halfjaar", "Status": "Definitief"},
        {"Key": "2020HJ01", "Title": "2020 1e halfjaar", "Status": "Definitief"},
        {"Key": "2020JJ00", "Title": "2020", "Status": "Definitief"},
        {"Key": "2023JJ00", "Title": "2023*", "Status": "Voorlopig"},
        {"Key": "2025HJ01", "Title": "2025 1e halfjaar*", "Status": "Voorlopig"},
    ],
}

#: (period key) -> (adviezen, meldingen) for Nederland, all reporters, all durations
TOTALEN = {
    "2019HJ01": (53080, 64960),
    "2020HJ01": (11111, 64505),
    "2020JJ00": (22222, 127410),
    "2023JJ00": (143210, 127340),
    "2025HJ01": (84935, 66270),
}


def _dataset() -> list[dict[str, Any]]:
    rijen = []
    i = 0
    for rol in DIMENSIES["RolFunctieMelder"]:
        for duur in DIMENSIES["DuurGeweld"]:
            for regio in DIMENSIES["RegioS"]:
                for periode in DIMENSIES["Perioden"]:
                    totaal = (rol["Key"].startswith("T") and duur["Key"].startswith("T")
                              and regio["Key"] == "NL01  ")
                    adv, mld = TOTALEN[periode["Key"]] if totaal else (5, 5)
                    rijen.append({"ID": i, "RolFunctieMelder": rol["Key"], "DuurGeweld": duur["Key"],
                                  "RegioS": regio["Key"], "Perioden": periode["Key"],
                                  "GestarteAdviezen_1": adv, "OntvangenMeldingen_2": mld})
                    i += 1
    return rijen


def _filter(rijen: list[dict[str, Any]], tekst: str | None) -> list[dict[str, Any]]:
    if not tekst:
        return rijen
    for deel in re.split(r"\s+and\s+", tekst.strip()):
        m = re.fullmatch(r"\(?\s*(\w+)\s+eq\s+'([^']*)'\s*\)?", deel.strip())
        if not m:
            raise ValueError(f"unsupported filter: {deel}")
        kolom, waarde = m.groups()
        rijen = [r for r in rijen if r.get(kolom) == waarde]
    return rijen


class FakeCbs:
    """Run with ``with FakeCbs() as cbs: ... cbs.url`` ("127.0.0.1:PORT"). ``modus`` changes the answers."""

    def __init__(self, modus: str = "goed", pagina: int = 3) -> None:
        self.modus = modus
        self.pagina = pagina
        self.verzoeken: list[str] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output quiet
                pass

            def do_GET(self) -> None:
                fake.verzoeken.append(self.path)
                status, inhoud, soort = fake.antwoord(self.path)
                body = inhoud.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", soort)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"127.0.0.1:{self.server.server_address[1]}"

    def __enter__(self) -> FakeCbs:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)

    def _json(self, value: Any, extra: dict[str, Any] | None = None) -> tuple[int, str, str]:
        inhoud = {"odata.metadata": f"http://{self.url}/ODataFeed/odata/{TABEL}/$metadata", "value": value}
        inhoud.update(extra or {})
        return 200, json.dumps(inhoud), "application/json;charset=utf-8"

    def antwoord(self, pad: str) -> tuple[int, str, str]:
        deel = urlparse(pad)
        vraag = {k: v[0] for k, v in parse_qs(deel.query).items()}
        basis = f"/ODataFeed/odata/{TABEL}/"
        if self.modus == "http500":
            return 500, "Internal Server Error", "text/plain"
        if not deel.path.startswith(basis):
            return 404, "Not Found", "text/plain"
        naam = deel.path[len(basis):]
        if naam == "":
            namen = ["TableInfos", "UntypedDataSet", "TypedDataSet", "DataProperties", "CategoryGroups",
                     *DIMENSIES]
            return self._json([{"name": n, "url": f"http://{self.url}{basis}{n}"} for n in namen])
        if naam == "TableInfos":
            return self._json([{"ID": 1, "Identifier": TABEL,
                                "Title": "Huiselijk geweld; rol/functie, organisatie, duur geweld, regio"}])
        if naam == "CategoryGroups":
            return self._json([])
        if naam == "DataProperties":
            return self._json(DATA_PROPERTIES)
        if naam in DIMENSIES:
            return self._json(DIMENSIES[naam])
        if naam in ("TypedDataSet", "UntypedDataSet"):
            if self.modus == "geen-json":
                return 200, "<html>Onderhoud</html>", "text/html"
            rijen = _filter(_dataset(), vraag.get("$filter"))
            if self.modus == "leeg":
                rijen = []
            elif self.modus == "kapot":
                rijen = [dict(r, OntvangenMeldingen_2="veel") for r in rijen]
            elif self.modus == "minder":
                rijen = [r for r in rijen if r["Perioden"].startswith("2019")]
            elif self.modus == "geen-periode":
                rijen = [{k: v for k, v in r.items() if k != "Perioden"} for r in rijen]
            if "$select" in vraag:
                kolommen = vraag["$select"].split(",")
                rijen = [{k: r[k] for k in kolommen if k in r} for r in rijen]
            begin = int(vraag.get("$skip", 0))
            stuk = rijen[begin:begin + self.pagina]
            extra = {}
            if begin + self.pagina < len(rijen):
                volgende = dict(vraag, **{"$skip": str(begin + self.pagina)})
                extra["odata.nextLink"] = f"http://{self.url}{basis}{naam}?{urlencode(volgende)}"
            return self._json(stuk, extra)
        return 404, "Not Found", "text/plain"
