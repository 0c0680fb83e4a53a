"""One accessible control: a radio group that behaves like one, for ``enkel`` and ``scenario`` questions.

ipywidgets' ``RadioButtons`` renders every option as its own radio button without a shared ``name``,
so each option is a separate Tab stop and the arrow keys do nothing; in JupyterLab the notebook then
takes ArrowUp/ArrowDown to move between cells. :class:`Keuzegroep` renders the standard HTML pattern
instead (an anywidget, so no front-end build is needed):

- a ``<fieldset>`` with a ``<legend>`` (the group's name for screen readers);
- one ``<input type="radio">`` per option, all with the same ``name``: one Tab stop for the group, the
  arrow keys move the choice, Space chooses the focused option;
- arrow keys pressed on an option do not reach JupyterLab's shortcuts (the event stops at the group),
  so the notebook stays on the same cell;
- a choice reaches the kernel as a custom message, in order with the click on "Controleer" (a state
  update could be held back by ipywidgets behind an earlier one and arrive after that click).

Option texts are shown as plain text (``textContent``), never as HTML.

The Python side mimics the bits of ``RadioButtons`` that the quiz uses: ``options`` as
``(label, value)`` pairs, ``value`` (``None`` = nothing chosen), ``disabled``, ``description`` and
``focus()``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import anywidget
import traitlets as t

ESM = r"""
const PIJLEN = new Set(["ArrowUp", "ArrowDown", "ArrowLeft", "ArrowRight"]);
let teller = 0;

function render({ model, el }) {
  teller += 1;
  const naam = `vd-keuze-${teller}-${Math.random().toString(36).slice(2, 10)}`;
  const groep = document.createElement("fieldset");
  groep.className = "vd-keuzegroep";
  const legenda = document.createElement("legend");
  legenda.className = "vd-keuzegroep-legenda";
  const lijst = document.createElement("div");
  lijst.className = "vd-keuzegroep-opties";
  groep.append(legenda, lijst);
  el.append(groep);

  const knoppen = () => Array.from(lijst.querySelectorAll('input[type="radio"]'));
  // A focus request can arrive before the new options or the "enabled" state it belongs to: keep it
  // (for a moment, never to steal the focus later) until there is an enabled option to focus.
  let focusGevraagd = 0;
  const wachtend = () => focusGevraagd > 0 && performance.now() - focusGevraagd < 2000;

  function focusNuOfStraks() {
    const alle = knoppen().filter((k) => !k.disabled);
    const doel = alle.find((k) => k.checked) || alle[0];
    if (doel) {
      doel.focus();
      focusGevraagd = 0;
    } else {
      focusGevraagd = focusGevraagd || performance.now();
    }
  }

  function zetStand() {
    const tekst = model.get("description");
    legenda.textContent = tekst;
    legenda.hidden = !tekst;
    const index = model.get("index");
    const uit = model.get("disabled");
    knoppen().forEach((knop, i) => {
      knop.checked = index === i;
      knop.disabled = uit;
    });
    if (wachtend()) focusNuOfStraks();
  }

  function tekenOpties() {
    // new options (the next step of a case) replace the old ones: keep the focus in the group
    if (lijst.contains(document.activeElement)) focusGevraagd = performance.now();
    lijst.replaceChildren();
    model.get("labels").forEach((tekst, i) => {
      const label = document.createElement("label");
      label.className = "vd-keuze";
      const knop = document.createElement("input");
      knop.type = "radio";
      knop.name = naam;
      knop.value = String(i);
      knop.addEventListener("change", () => {
        if (knop.checked) {
          // Sent as a message, not as a state update: ipywidgets holds back a model's later updates
          // until the kernel handled the first, so after quick arrow keys a click on "Controleer"
          // (another widget) could reach the kernel before the last choice did.
          model.set("index", i);
          model.send({ kies: i, tekst });
        }
      });
      const span = document.createElement("span");
      span.textContent = tekst;
      label.append(knop, span);
      lijst.append(label);
    });
    zetStand();
  }

  // The browser moves the choice with the arrow keys; JupyterLab must not also move to another cell.
  groep.addEventListener("keydown", (e) => {
    if (PIJLEN.has(e.key) && e.target instanceof HTMLInputElement && e.target.type === "radio") {
      e.stopPropagation();
    }
  });

  function bericht(msg) {
    if (msg && msg.do === "focus") {
      focusGevraagd = 0;
      focusNuOfStraks();
    }
  }

  model.on("change:labels", tekenOpties);
  model.on("change:index", zetStand);
  model.on("change:disabled", zetStand);
  model.on("change:description", zetStand);
  model.on("msg:custom", bericht);
  tekenOpties();
  return () => {
    model.off("change:labels", tekenOpties);
    model.off("change:index", zetStand);
    model.off("change:disabled", zetStand);
    model.off("change:description", zetStand);
    model.off("msg:custom", bericht);
  };
}

export default { render };
"""


class Keuzegroep(anywidget.AnyWidget):  # type: ignore[misc]
    """A single-choice radio group with one Tab stop and arrow-key navigation (see the module docstring)."""

    _esm = ESM
    labels = t.List(t.Unicode()).tag(sync=True)
    index = t.Int(None, allow_none=True).tag(sync=True)
    description = t.Unicode("").tag(sync=True)
    disabled = t.Bool(False).tag(sync=True)

    def __init__(self, options: Iterable[tuple[str, Any]] = (), value: Any = None, description: str = "",
                 **kwargs: Any) -> None:
        super().__init__(description=description, **kwargs)
        self._waarden: list[Any] = []
        self.options = list(options)
        self.value = value
        self.on_msg(self._bij_bericht)

    def _bij_bericht(self, _widget: Any, inhoud: Any, _buffers: Any) -> None:
        """A choice from the browser: ``{"kies": index, "tekst": label}``.

        Ignored when it no longer fits (the options changed meanwhile) or when the group is disabled.
        """
        if not isinstance(inhoud, dict) or "kies" not in inhoud or self.disabled:
            return
        index = inhoud["kies"]
        if not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < len(self.labels):
            return
        if inhoud.get("tekst") != self.labels[index]:
            return
        # the browser already shows this choice: do not echo it back (after quick arrow keys an echo
        # of an earlier choice would undo a later one on the screen)
        with self._lock_property(index=index):
            self.index = index

    @property
    def options(self) -> list[tuple[str, Any]]:
        """The options as ``(label, value)`` pairs, in the order shown."""
        return list(zip(self.labels, self._waarden, strict=True))

    @options.setter
    def options(self, paren: Iterable[tuple[str, Any]]) -> None:
        paren = [(str(label), waarde) for label, waarde in paren]
        self.index = None
        self._waarden = [waarde for _, waarde in paren]
        self.labels = [label for label, _ in paren]

    @property
    def value(self) -> Any:
        """The chosen option's value, or ``None`` when nothing is chosen."""
        if self.index is None or not 0 <= self.index < len(self._waarden):
            return None
        return self._waarden[self.index]

    @value.setter
    def value(self, waarde: Any) -> None:
        if waarde is None:
            self.index = None
            return
        try:
            self.index = self._waarden.index(waarde)
        except ValueError:
            raise t.TraitError(f"{waarde!r} is geen van de opties") from None

    @t.validate("index")
    def _geldige_index(self, voorstel: Any) -> int | None:
        index = voorstel["value"]
        if index is not None and not 0 <= index < len(self.labels):
            raise t.TraitError(f"keuze {index} bestaat niet (er zijn {len(self.labels)} opties)")
        return index
