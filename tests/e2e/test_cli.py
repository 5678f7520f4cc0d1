"""The CLI's exit codes and messages, run as a user would."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

from ..conftest import ROOT, replace_once


def test_check_passes_and_prints_counts(run_cli, tmp_path):
    # the layouts of the folder's own layouts/: the small test layout (test_progress builds every shipped layout in
    # every format, and test_check checks layouts in every format)
    (tmp_path / "layouts").mkdir()
    shutil.copy(ROOT / "tests" / "fixtures" / "small-layout.yaml", tmp_path / "layouts" / "small.yaml")
    result = run_cli("check", "--data", str(ROOT / "data" / "facts.yaml"))
    assert result.exit_code == 0, result.output
    assert "98 facts, 53 measures, 5 sections, 3 events" in result.output
    assert "89 figures" in result.output
    assert "small.yaml (zh): ok" in result.output


def test_check_of_a_mistyped_number_exits_1_with_file_line_and_id(run_cli, data_copy):
    line = replace_once(data_copy, "value: 259\n", "value: 295\n")
    result = run_cli("check", "--data", str(data_copy))
    assert result.exit_code == 1
    assert f"facts.yaml:{line}:" in result.output and "planned_investment" in result.output
    assert "Traceback" not in result.output


def test_malformed_yaml_exits_1_with_the_line(run_cli, data_copy):
    line = replace_once(data_copy, "  title_zh: 激活高质量发展新动能\n", "  title_zh: [激活\n")
    result = run_cli("check", "--data", str(data_copy))
    assert result.exit_code == 1
    assert "invalid YAML" in result.output and "facts.yaml:" in result.output
    assert line > 0 and "Traceback" not in result.output


def test_usage_error_exits_2(run_cli):
    assert run_cli("check", "--no-such-option").exit_code == 2


def test_missing_dataset_exits_1(run_cli):
    result = run_cli("check", "--data", "nowhere.yaml")
    assert result.exit_code == 1 and "nowhere.yaml: dataset not found" in result.output


def _python(code: str) -> str:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                          check=True).stdout


def test_help_does_not_import_heavy_libraries():
    out = _python(
        "import sys\n"
        "from generator.cli import cli\n"
        "try:\n    cli.main(['--help'], standalone_mode=False)\nexcept SystemExit: pass\n"
        "heavy = [m for m in ('matplotlib', 'reportlab', 'pptx', 'pydantic', 'yaml', 'fontTools') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    assert "HEAVY []" in out


def test_version_and_module_entry_point():
    out = subprocess.run([sys.executable, "-m", "generator", "--version"], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    assert out.startswith("briefing, version ")


def test_facts_lists_ids_values_status_and_measure(run_cli):
    result = run_cli("facts", "在谈")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("pipeline_investment") and "675亿元" in line and "[推进中 · project_investment]" in line
               for line in lines), result.output
    assert lines[-1].startswith("2 of 98 facts")
    result = run_cli("facts", "--section", "plan", "graduates")
    assert "graduates_target" in result.output and "[2021年目标 · graduate_count]" in result.output
    assert run_cli("facts", "--section", "plans").exit_code == 1


def test_kinds_shows_every_kind_and_its_snippets_build(run_cli, dataset, tmp_path):
    import typing

    import yaml

    from generator import layouts as L
    from generator.compose import compose
    from generator.kinds import PARTS, SLIDES, gallery_layout

    def kinds_of(union) -> set[str]:
        return {typing.get_args(member.model_fields["kind"].annotation)[0]
                for member in typing.get_args(typing.get_args(union)[0])}

    assert set(SLIDES) == kinds_of(L.SlideSpec) and set(PARTS) == kinds_of(L.PartSpec)
    result = run_cli("kinds")
    assert all(f"  {name}: " in result.output for name in list(SLIDES) + list(PARTS))
    path = tmp_path / "gallery.yaml"
    path.write_text(gallery_layout(), encoding="utf-8")
    layout = L.load_layout(path, dataset)
    assert [type(s).__name__ for s in layout.model.deck] and len(yaml.safe_load(gallery_layout())["deck"]) == len(SLIDES)
    for lang in ("zh", "en"):
        assert compose(dataset, layout, lang).slides


def test_output_cut_short_by_a_pipe_is_not_an_error():
    import subprocess
    import sys

    run = subprocess.run(["bash", "-c", f"'{sys.executable}' -m generator facts | head -1"], capture_output=True,
                         text=True, cwd=ROOT)
    assert run.stderr == "", run.stderr  # no "internal error", no traceback
    assert run.stdout.startswith("groundbreaking_oct27_investment")


#: three or more English words in a row (a sentence, or most of one)
ENGLISH_SENTENCE = re.compile(r"\b[A-Za-z]{2,}(?:[ ,;]+[A-Za-z]{2,}){2,}\b")


def _english_sentences(output: str) -> list[str]:
    """The English sentences of an output, outside YAML lines (`key: value`), paths and quoted names."""
    found = []
    for line in output.splitlines():
        if re.match(r"^\s+(?:-\s+)?[a-z_]+:(\s|$)", line):  # an indented YAML entry `briefing kinds` shows
            continue
        line = re.sub(r"“[^”]*”|'[^']*'|\"[^\"]*\"|\S*/\S*|\S+\.yaml\S*", " ", line)
        found += ENGLISH_SENTENCE.findall(line)
    return found


def _chinese(*args: str, cwd=ROOT) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "BRIEFING_UI")}
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=cwd,
                          env=dict(env, LANG="zh_CN.UTF-8", PYTHONPATH=str(ROOT)), timeout=600)


def test_a_chinese_locale_shows_no_english_sentence(tmp_path):
    shown = {}
    shown["kinds"] = _chinese("kinds")
    shown["check"] = _chinese("check", "one-pager")
    (tmp_path / "tight.yaml").write_text((ROOT / "tests" / "fixtures" / "own-words.yaml").read_text(
        encoding="utf-8").replace("briefing_pages: 2", "briefing_pages: 1"), encoding="utf-8")
    shown["budget"] = _chinese("build", str(tmp_path / "tight.yaml"), "--out", str(tmp_path / "out"))
    (tmp_path / "broken.yaml").write_text("title_zh: [测试\ndate: 2021-01-20\n", encoding="utf-8")
    shown["yaml"] = _chinese("check", str(tmp_path / "broken.yaml"))
    assert [run.returncode for run in shown.values()] == [0, 0, 1, 1], {k: r.stderr for k, r in shown.items()}
    assert "幻灯片（deck:）" in shown["kinds"].stdout and "简报各部分（briefing:）" in shown["kinds"].stdout
    assert "98 条数据，53 种计量，5 个部分" in shown["check"].stdout
    assert re.search(r"tight\.yaml:\d+:\d+: 简报共 2 页，版式只允许 1 页（briefing_pages）；各部分：“Autumn investment "
                     r"symposium”第 1 页", shown["budget"].stderr), shown["budget"].stderr
    assert "broken.yaml:2:5: YAML 格式错误：找不到应有的逗号 , 或右方括号 ]" in shown["yaml"].stderr
    for name, run in shown.items():
        assert _english_sentences(run.stdout + run.stderr) == [], (name, run.stdout + run.stderr)
    assert _english_sentences("error: the briefing takes 2 pages") == ["the briefing takes"]  # it can fail


def test_a_preview_session_in_a_chinese_locale_speaks_chinese(tmp_path):
    import signal

    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "BRIEFING_UI")}
    process = subprocess.Popen([sys.executable, "-m", "generator", "preview", "one-pager", "--port", "0"], cwd=ROOT,
                               env=dict(env, LANG="zh_CN.UTF-8", PYTHONPATH=str(ROOT)), stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)
    lines = []
    try:
        for line in process.stderr:  # until the first build is reported (a hang ends with the timeout below)
            lines.append(line)
            if "生成用时" in line or "生成失败" in line:
                break
    finally:
        process.send_signal(signal.SIGINT)
        _, rest = process.communicate(timeout=600)
    output = "".join(lines) + rest
    assert process.returncode == 130, output
    assert re.search(r"layouts/one-pager\.yaml 的预览：http://127\.0\.0\.1:\d+/", output), output
    assert re.search(r"生成用时 [\d.]+ 秒：\d+ 张幻灯片，\d+ 页简报", output) and "预览已停止" in output, output
    assert _english_sentences(output) == [], output


def _ids(output: str) -> set[str]:
    return {line.split()[0] for line in output.splitlines()[:-1]}


def test_facts_are_found_by_the_users_words_for_sections_statuses_measures_and_units(run_cli, dataset):
    facts = dataset.model.facts
    livelihood = {f.id for f in facts if f.section == "livelihood"}
    assert _ids(run_cli("--ui", "en", "facts", "民生").output) == livelihood  # the section's title: 民生保障
    assert _ids(run_cli("--ui", "en", "facts", "livelihood").output) >= livelihood
    targets = {f.id for f in facts if f.status == "target"}
    found = _ids(run_cli("--ui", "en", "facts", "目标").output)
    assert targets <= found and found == _ids(run_cli("--ui", "en", "facts", "--section", "plan", "目标").output) | \
        {f.id for f in facts if "目标" in f.label_zh or f.status in ("target", "goal")}
    assert _ids(run_cli("--ui", "en", "facts", "累计").output) == {f.id for f in facts if f.status == "cumulative"}
    assert _ids(run_cli("--ui", "en", "facts", "推进中").output) == {f.id for f in facts if f.status == "pipeline"}
    assert {f.id for f in facts if f.status == "achieved"} <= _ids(run_cli("--ui", "en", "facts", "实绩").output)
    assert _ids(run_cli("--ui", "en", "facts", "毕业生数量").output) >= {"graduates", "graduates_target"}  # a measure
    assert {f.id for f in facts if f.unit == "亿元"} <= _ids(run_cli("--ui", "en", "facts", "亿元").output)


def test_after_the_readmes_set_up_its_next_commands_work_as_written_in_a_new_shell(tmp_path):
    from ..unit.test_docs import _commands

    for readme in ("README.md", "README.zh-CN.md"):
        set_up = _commands(readme)
        assert set_up[0] == "make build" and set_up[3] == "make test"
        # `make build` has been run (the tests run in what it made); the lines after it, in a new shell whose PATH
        # has no .venv, from the project's folder (the commands then build in a scratch folder: the same command,
        # without touching the checkout's dist/)
        activate, first = set_up[1], set_up[2]
        script = f"cd '{ROOT}' && {activate} && cd '{tmp_path}' && {first} --format pptx --out out"
        run = subprocess.run(["bash", "--norc", "--noprofile", "-c", script], capture_output=True, text=True,
                             env={"PATH": "/usr/local/bin:/usr/bin:/bin", "HOME": str(tmp_path), "LANG": "C.UTF-8",
                                  "BRIEFING_CACHE_DIR": os.environ["BRIEFING_CACHE_DIR"]}, timeout=600)
        assert run.returncode == 0, run.stderr
        assert (tmp_path / "out" / "lianghui.pptx").is_file()
    assert subprocess.run(["bash", "--norc", "-c", "briefing --version"], capture_output=True,
                          env={"PATH": "/usr/local/bin:/usr/bin:/bin"}).returncode == 127  # not found without it


def test_the_interface_language_changes_no_output_byte(tmp_path):
    env = dict(os.environ, PYTHONPATH=str(ROOT), SOURCE_DATE_EPOCH="1611100800")
    for ui in ("zh", "en"):
        subprocess.run([sys.executable, "-m", "generator", "--ui", ui, "build", "one-pager", "--format", "pptx",
                        "--format", "pdf", "--out", str(tmp_path / ui)], cwd=ROOT, env=env, check=True,
                       capture_output=True, timeout=600)
    for name in ("one-pager.pptx", "one-pager.pdf"):
        assert (tmp_path / "zh" / name).read_bytes() == (tmp_path / "en" / name).read_bytes(), name
