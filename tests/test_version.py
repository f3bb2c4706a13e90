"""The program's version is written in two places; they must agree."""

from __future__ import annotations

import tomllib
from pathlib import Path

from app import __version__


def test_the_version_constant_is_the_packages_version():
    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    with pyproject.open("rb") as f:
        assert tomllib.load(f)["project"]["version"] == __version__
