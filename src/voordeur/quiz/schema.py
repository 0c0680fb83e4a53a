"""The shape of a question bank as pydantic v2 models (contract section 3).

This module only describes fields and their types. Rules that span several fields or questions
(exactly one correct option, unique ids, scenario graph) live in :mod:`voordeur.quiz.bank`, so that
every broken rule becomes its own message with a line number.

``voordeur_bouw.schema`` (build time, ``make build``) writes the JSON Schema to
``data/quizzes/schema.json`` (editors such as VS Code use it for autocompletion); a test checks that
the committed file is current.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

ID_PATROON = r"^[A-Za-z0-9][A-Za-z0-9-]*$"
Id = Annotated[str, Field(pattern=ID_PATROON, description="Letters, cijfers en '-'.")]
Tekst = Annotated[str, Field(min_length=1)]

VRAAGTYPEN: tuple[str, ...] = ("enkel", "meer", "volgorde", "getal", "scenario")


class _Streng(BaseModel):
    """Unknown keys are errors: a typo such as ``feedbak`` must not be ignored silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Optie(_Streng):
    tekst: Tekst
    goed: bool = False
    feedback: Tekst = Field(description="Uitleg die de leerling ziet na het kiezen van deze optie.")


class DataVerwijzing(_Streng):
    """Where the key of a ``getal`` question comes from (checked against the data by a test)."""

    dataset: Tekst
    waar: dict[str, Any] = Field(default_factory=dict)
    kolom: Tekst


class _VraagBasis(_Streng):
    id: Id
    les: int | None = None
    setting: str | None = Field(
        default=None,
        description="school | kinderopvang | wijkteam | ouderenzorg | sportclub | jongerenwerk | zorg | ...",
    )
    casus: str | None = Field(default=None, description="Mag **vet**, lijstjes ('- ') en regels bevatten.")
    hint: str | None = None
    bron: str | None = None
    uitleg: str | None = Field(default=None, description="Extra uitleg na een goed antwoord.")


class EnkelVraag(_VraagBasis):
    type: Literal["enkel"]
    vraag: Tekst
    opties: list[Optie] = Field(min_length=2)


class MeerVraag(_VraagBasis):
    type: Literal["meer"]
    vraag: Tekst
    opties: list[Optie] = Field(min_length=2)


class VolgordeVraag(_VraagBasis):
    type: Literal["volgorde"]
    vraag: str = "Zet deze stappen in de goede volgorde."
    items: list[Tekst] = Field(min_length=2, description="In de GOEDE volgorde; de leerling ziet ze geschud.")


class GetalVraag(_VraagBasis):
    type: Literal["getal"]
    vraag: Tekst
    antwoord: float
    marge: float = Field(default=0.0, ge=0, description="Absolute marge, in dezelfde eenheid als antwoord.")
    eenheid: str = ""
    feedback_goed: str | None = None
    feedback_te_laag: str | None = None
    feedback_te_hoog: str | None = None
    data: DataVerwijzing | None = None


class ScenarioOptie(_Streng):
    tekst: Tekst
    goed: bool = False
    feedback: Tekst
    naar: str | None = Field(default=None, description="Id van het volgende punt.")
    uitkomst: str | None = Field(default=None, description="Id van een uitkomst: hier eindigt het verhaal.")


class Punt(_Streng):
    id: Id
    tekst: Tekst
    opties: list[ScenarioOptie] = Field(min_length=1,
                                        description="Eén keuze mag, maar geeft een waarschuwing.")


class ScenarioUitkomst(_Streng):
    id: Id
    titel: Tekst
    uitleg: Tekst
    goed: bool = False


class ScenarioVraag(_VraagBasis):
    type: Literal["scenario"]
    vraag: str | None = None
    casus: Tekst  # the opening situation is required for a scenario
    start: Id
    punten: list[Punt] = Field(min_length=1)
    uitkomsten: list[ScenarioUitkomst] = Field(min_length=1)


Vraag = Annotated[
    EnkelVraag | MeerVraag | VolgordeVraag | GetalVraag | ScenarioVraag,
    Field(discriminator="type"),
]

VRAAG_MODELLEN: dict[str, type[_VraagBasis]] = {
    "enkel": EnkelVraag,
    "meer": MeerVraag,
    "volgorde": VolgordeVraag,
    "getal": GetalVraag,
    "scenario": ScenarioVraag,
}


class Bank(_Streng):
    """A question bank: one YAML file in ``data/quizzes/``."""

    bank: Id = Field(description="Unieke naam van de bank, gelijk aan de bestandsnaam: les3 in les3.yaml.")
    titel: Tekst
    versie: int = Field(ge=1, description="Verhoog dit als vragen veranderen.")
    beschrijving: str | None = None
    vragen: list[Vraag] = Field(min_length=1)

    def vraag(self, vraag_id: str) -> EnkelVraag | MeerVraag | VolgordeVraag | GetalVraag | ScenarioVraag:
        for v in self.vragen:
            if v.id == vraag_id:
                return v
        raise KeyError(vraag_id)


class _BankKop(_Streng):
    """The bank without its questions: questions are checked one by one for precise messages."""

    bank: Id
    titel: Tekst
    versie: int = Field(ge=1)
    beschrijving: str | None = None
    vragen: list[dict[str, Any]] = Field(min_length=1)


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a question bank."""
    schema = Bank.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Vragenbank voor voordeur.quiz"
    return schema


def schema_tekst() -> str:
    return json.dumps(json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
