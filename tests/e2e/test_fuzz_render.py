"""Generated layouts through the whole build: validation, compose, the slide layout and every painter (PPTX, deck
as PDF, handout, briefing). A layout either builds every output or fails with the tool's own error."""
from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, example, given, settings

from generator.build import build
from generator.description import describe
from generator.outputs import Outputs
from generator.prepared import Inputs
from generator.errors import GeneratorError
from generator.render import RENDERERS

from ..conftest import DATA
from ..unit.test_fuzz import DATASET, plausible_layout

INPUTS = Inputs(DATA, DATASET)
SMALL = yaml.safe_load((Path(__file__).parents[1] / "fixtures" / "small-layout.yaml").read_text(encoding="utf-8"))


@pytest.mark.render
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plausible_layout)
@example(SMALL)  # builds whole: the path through every painter is always taken
def test_generated_layouts_build_every_output_or_fail_with_the_tools_error(data):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        outputs = Outputs()
        try:
            build(describe(path, INPUTS, None, tuple(RENDERERS)), Path(folder) / "out", outputs)
        except GeneratorError as exc:
            outputs.discard()
            assert exc.issues and all(str(issue) for issue in exc.issues)
            return
        try:
            assert len(outputs.pending) == len(RENDERERS)
            for temp, _final, _summary in outputs.pending:
                assert temp.stat().st_size > 1000, temp  # a deck or a PDF with pages, not an empty file
        finally:
            outputs.discard()

