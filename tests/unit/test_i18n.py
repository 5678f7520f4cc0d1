"""The interface speaks Chinese when the locale is Chinese or --ui zh is given, and English otherwise."""
from __future__ import annotations

import os
import subprocess
import sys

from ..conftest import ROOT


def _run(*args: str, lang: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "BRIEFING_UI")}
    env["LANG"] = lang
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=ROOT, env=env)


def test_every_message_of_the_program_has_its_chinese_translation():
    from babel.messages.pofile import read_po

    from generator.i18n import CATALOGUE
    from generator.messages import extracted_messages

    with CATALOGUE.open("rb") as handle:
        translated = {m.id: m.string for m in read_po(handle) if m.id and m.string and not m.fuzzy}
    wanted = {m.id for m in extracted_messages() if m.id}
    assert sorted(wanted - set(translated)) == [], "run `make messages` and translate the new entries"
    # a translation keeps the placeholders of its message
    import re

    for message, translation in translated.items():
        assert sorted(re.findall(r"\{[a-z_0-9]*(?:![rs])?(?::[^}]*)?\}", message)) == \
            sorted(re.findall(r"\{[a-z_0-9]*(?:![rs])?(?::[^}]*)?\}", translation)), message


def test_a_chinese_locale_gets_chinese_messages_with_the_same_lines():
    layout_dir = ROOT / "tests" / "fixtures"
    chinese = _run("check", "--layouts", str(layout_dir), lang="zh_CN.UTF-8")
    english = _run("check", "--layouts", str(layout_dir), lang="en_GB.UTF-8")
    assert chinese.returncode == english.returncode == 1
    assert "错误：共 9 个问题" in chinese.stderr and "error: 9 problems" in english.stderr
    assert "eight-mistakes.yaml:8:5: “primary”是空的：YAML 把 # 当作注释的开头（请给值加引号：primary: \"#0B6E4F\"）" \
        in chinese.stderr
    assert "eight-mistakes.yaml:17:13: 未知的数据编号“招引项目”（编号是英文的；是否应为 'projects_attracted' 或 " \
        "'planned_investment'？）" in chinese.stderr
    lines = lambda text: [l.split(": ", 1)[0] for l in text.splitlines() if "eight-mistakes.yaml:" in l]  # noqa: E731
    assert lines(chinese.stderr) == lines(english.stderr)


def test_help_in_chinese_by_locale_or_by_option():
    assert "用法：" in _run("--help", lang="zh_CN.UTF-8").stdout
    by_option = _run("--ui", "zh", "build", "--help", lang="C.UTF-8").stdout
    assert "生成每个 LAYOUT 的演示文稿和简报" in by_option and "输出文件所在的文件夹" in by_option
    english = _run("build", "--help", lang="C.UTF-8").stdout
    assert "Usage:" in english and "Folder for the outputs." in english and "用法" not in english


def test_a_new_layout_explains_itself_in_the_users_language(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "BRIEFING_UI")}
    env["LANG"] = "zh_CN.UTF-8"
    run = subprocess.run([sys.executable, "-m", "generator", "new-layout", "spring-fair", "--from", "lianghui"],
                         capture_output=True, text=True, cwd=tmp_path, env={**env, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0, run.stderr
    text = (tmp_path / "layouts" / "spring-fair.yaml").read_text(encoding="utf-8")
    assert "# 会议版式，由 lianghui 复制而来。编辑后运行：briefing build spring-fair" in text
