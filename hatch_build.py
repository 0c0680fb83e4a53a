"""Build hook: the wheel carries the repository's data/ as package data (voordeur/_data).

Only for a normal wheel: an editable install reads data/ in the repository itself (voordeur.paden),
so it must not get a copy that goes stale in site-packages.
"""

from __future__ import annotations

from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CustomBuildHook(BuildHookInterface):
    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name == "wheel" and version == "standard":
            build_data["force_include"]["data"] = "voordeur/_data"
