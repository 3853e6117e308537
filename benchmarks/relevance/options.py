"""The command-line options every relevance benchmark takes, and the settings they make.

    add_library_options(parser)    # --home, --model, --calibration
    settings = settings_from(args)  # Settings for that library, model and weights
"""
from __future__ import annotations

import argparse
from pathlib import Path

from research.settings import Settings


def add_library_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--home", type=Path, default=None, help="library folder (default: the project's)")
    parser.add_argument("--model", default="",
                        help="a local sentence-transformers folder (default: the shipped MiniLM)")
    parser.add_argument("--calibration", type=Path, default=None, help="fusion weights (default: the shipped file)")


def settings_from(args: argparse.Namespace, **changes) -> Settings:
    """Settings for the library, model and calibration the options name (``changes`` on top)."""
    settings = Settings(model_path=args.model, **changes)
    settings = settings.with_changes(home=args.home) if args.home else settings
    return settings.with_changes(calibration=args.calibration) if args.calibration else settings
