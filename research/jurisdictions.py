"""Bluebook (T10) abbreviations of U.S. state names. Standard library only.

One table for the ingesters (a case's jurisdiction), the case-name matcher
and the memo's court parentheticals.
"""
from __future__ import annotations

STATES = {
    "Alabama": "Ala.", "Alaska": "Alaska", "Arizona": "Ariz.", "Arkansas": "Ark.", "California": "Cal.",
    "Colorado": "Colo.", "Connecticut": "Conn.", "Delaware": "Del.", "District of Columbia": "D.C.",
    "Florida": "Fla.", "Georgia": "Ga.", "Hawaii": "Haw.", "Hawai‘i": "Haw.", "Hawai'i": "Haw.",
    "Idaho": "Idaho", "Illinois": "Ill.", "Indiana": "Ind.", "Iowa": "Iowa", "Kansas": "Kan.",
    "Kentucky": "Ky.", "Louisiana": "La.", "Maine": "Me.", "Maryland": "Md.", "Massachusetts": "Mass.",
    "Michigan": "Mich.", "Minnesota": "Minn.", "Mississippi": "Miss.", "Missouri": "Mo.",
    "Montana": "Mont.", "Nebraska": "Neb.", "Nevada": "Nev.", "New Hampshire": "N.H.",
    "New Jersey": "N.J.", "New Mexico": "N.M.", "New York": "N.Y.", "North Carolina": "N.C.",
    "North Dakota": "N.D.", "Ohio": "Ohio", "Oklahoma": "Okla.", "Oregon": "Or.",
    "Pennsylvania": "Pa.", "Rhode Island": "R.I.", "South Carolina": "S.C.", "South Dakota": "S.D.",
    "Tennessee": "Tenn.", "Texas": "Tex.", "Utah": "Utah", "Vermont": "Vt.", "Virginia": "Va.",
    "Washington": "Wash.", "West Virginia": "W. Va.", "Wisconsin": "Wis.", "Wyoming": "Wyo.",
}


def longest_first() -> list[tuple[str, str]]:
    """(name, abbreviation), longest name first, so that "West Virginia" is
    replaced before "Virginia"."""
    return sorted(STATES.items(), key=lambda item: len(item[0]), reverse=True)
