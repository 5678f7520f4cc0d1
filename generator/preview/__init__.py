"""`briefing preview`: a local web page showing a meeting's slides and briefing pages, rebuilt on every save."""
