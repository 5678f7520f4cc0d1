"""Fonts: find the CJK font files a theme asks for (discovery), measure text with them (metrics), and make
TrueType subsets for PDF (subsets). What callers use is re-exported here."""
from __future__ import annotations

from .discovery import FontFace, SystemFace, find_face, is_cff, system_faces
from .metrics import Metrics, MixedMetrics, latin_metrics, metrics_for
from .subsets import (BASE_CHARS, _subset_folder, extend_subsets, prefer_speed, truetype_for_pdf,
                      truetype_for_pdf_all, warm_source_font)

__all__ = ["BASE_CHARS", "FontFace", "Metrics", "MixedMetrics", "SystemFace", "extend_subsets",
           "find_face", "is_cff", "latin_metrics", "metrics_for", "prefer_speed", "system_faces",
           "truetype_for_pdf", "truetype_for_pdf_all", "warm_source_font", "_subset_folder"]
