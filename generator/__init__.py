"""briefing: meeting decks and printable briefings of the Rizhao ETDZ's results and plans, from one dataset."""

__version__ = "0.1.0"
