"""Small display objects whose plain-text form carries the same content as the rich form.

nbval compares only ``text/plain`` outputs, so every figure or text a lesson shows must also be in
``text/plain``: that is what gives the notebook tests their teeth when a CSV changes.
"""

from __future__ import annotations

import html
from typing import Any


class Tekst:
    """Markdown for the browser, the same words as plain text for nbval and screen readers."""

    def __init__(self, markdown: str, platte_tekst: str | None = None) -> None:
        self.markdown = markdown
        self.platte_tekst = platte_tekst if platte_tekst is not None else markdown

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        return {"text/markdown": self.markdown, "text/plain": self.platte_tekst}

    def __repr__(self) -> str:
        return self.platte_tekst


class Melding:
    """A short notice (for example a friendly error) as escaped HTML plus plain text."""

    def __init__(self, tekst: str, soort: str = "let-op") -> None:
        self.tekst = tekst
        self.soort = soort

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, str]:
        symbool = {"let-op": "⚠", "info": "ℹ", "goed": "✔"}.get(self.soort, "⚠")
        woord = {"let-op": "Let op", "info": "Info", "goed": "Goed"}.get(self.soort, "Let op")
        body = html.escape(self.tekst).replace("\n", "<br>")
        rich = (
            f'<div role="status" style="border:2px solid #444;padding:0.5em;border-radius:4px;'
            f'color:#1a1a1a;background:#fff">'
            f"<strong>{symbool} {woord}:</strong> {body}</div>"
        )
        return {"text/html": rich, "text/plain": f"{symbool} {woord}: {self.tekst}"}

    def __repr__(self) -> str:
        return f"{self.soort}: {self.tekst}"
