"""The interface speaks Chinese when the locale is Chinese or --ui zh is given, and English otherwise."""
from __future__ import annotations

import os
import re
import subprocess
import sys

from ..conftest import ROOT


def _run(*args: str, lang: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "BRIEFING_UI")}
    env["LANG"] = lang
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True, text=True, cwd=ROOT, env=env)


PLACEHOLDER = re.compile(r"\{[a-z_0-9]*(?:![rs])?(?::[^}]*)?\}|%\([a-z]+\)s")


def _read(path):
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle, locale="zh_CN")


def _translated(catalogue) -> dict:
    return {m.id: m.string for m in catalogue if m.id and m.string and not m.fuzzy}


def test_every_message_of_the_program_has_its_chinese_translation():
    from generator.i18n import CATALOGUE
    from generator.messages import extracted_messages

    translated = _translated(_read(CATALOGUE))
    wanted = {m.id for m in extracted_messages() if m.id}
    assert sorted(map(str, wanted - set(translated))) == [], "run `make messages` and translate the new entries"
    for message, translation in translated.items():  # a translation keeps the placeholders of its message
        for text in translation if isinstance(translation, tuple) else (translation,):  # a plural: each form
            original = message[-1] if isinstance(message, tuple) else message
            assert sorted(PLACEHOLDER.findall(original)) == sorted(PLACEHOLDER.findall(text)), message


def test_every_message_of_click_has_its_chinese_translation():
    from generator.i18n import CLICK_CATALOGUE
    from generator.messages import click_messages

    translated = _translated(_read(CLICK_CATALOGUE))
    wanted = {m.id for m in click_messages() if m.id}
    assert sorted(map(str, wanted - set(translated))) == [], "run `make messages` and translate the new entries"
    for message, translation in translated.items():
        ids = message if isinstance(message, tuple) else (message,)
        texts = translation if isinstance(translation, tuple) else (translation,)
        offered = {p for text in ids for p in PLACEHOLDER.findall(text)}  # a plural may use the plural's words
        assert all(set(PLACEHOLDER.findall(text)) <= offered for text in texts), message


def test_the_compiled_catalogues_are_in_step_with_their_po_files():
    import gettext

    from generator.i18n import CATALOGUE, CLICK_CATALOGUE

    for path in (CATALOGUE, CLICK_CATALOGUE):
        with path.with_suffix(".mo").open("rb") as handle:
            compiled = gettext.GNUTranslations(handle)
        for message, translation in _translated(_read(path)).items():
            if isinstance(message, tuple):
                shown = compiled.ngettext(message[0], message[1], 2)
                assert shown == translation[0], (path.name, message, "run `make messages`")
            else:
                assert compiled.gettext(message) == translation, (path.name, message, "run `make messages`")


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


def test_clicks_own_messages_are_chinese_under_zh_and_english_otherwise():
    by_option = _run("--ui", "zh", "build", "--format", lang="C.UTF-8")
    assert by_option.returncode == 2 and by_option.stderr.strip() == "错误：选项 '--format' 需要 1 个值。"
    by_locale = _run("build", "--format", "nope", lang="zh_CN.UTF-8")
    assert "用法： briefing build [OPTIONS] [LAYOUTS]..." in by_locale.stderr
    assert "错误：'--format' 的值无效：'nope' 不是 " in by_locale.stderr and "之一。" in by_locale.stderr
    english = _run("--ui", "en", "build", "--format", lang="zh_CN.UTF-8")
    assert english.stderr.strip() == "Error: Option '--format' requires an argument."
    assert "错误：没有命令 'biuld'。" in _run("biuld", lang="zh_CN.UTF-8").stderr


def _code_names() -> set[str]:
    """Words a Chinese message may show in English because the user types them: the layout's keys and values
    (from its JSON schema), the dataset's keys, commands and options, formats, and names of programs and formats."""
    import json

    from generator.cli import cli
    from generator.layouts import layout_json_schema
    from generator.render import RENDERERS

    names = set(re.findall(r'"([A-Za-z_][A-Za-z_0-9]*)"', json.dumps(layout_json_schema())))
    dataset = (ROOT / "data" / "facts.yaml").read_text(encoding="utf-8")
    names |= set(re.findall(r"^\s*-?\s*([a-z_]+):", dataset, re.M)) | set(re.findall(r"\b(?:id|status): ([a-z_]+)", dataset))
    names |= set(cli.commands) | set(RENDERERS) | {"briefing", "layouts", "data", "all", "everything", "debug",
                                                   "strict", "out", "port", "words", "zone", "kpis", "true",
                                                   "false", "series"}
    names |= {path.stem for path in (ROOT / "layouts").glob("*.yaml")}
    # programs, systems and file formats; a shell command shown to be typed
    names |= {"PowerPoint", "LibreOffice", "Windows", "macOS", "Debian", "Ubuntu", "TrueType", "OpenType", "WPS",
              "Arial", "Ctrl-C", "git", "log", "format", "ct", "apt-get", "install", "a", "b", "pptx", "pdf", "png",
              "jpg", "ttf", "otf", "ttc", "KiB", "MiB", "Tab", "uXXXX", "Excel", "Word", "xlsx", "xls", "yaml",
              "dist", "export"}
    return names


def _english_words(text: str, code_names: set[str]) -> list[str]:
    """English words of a Chinese text outside placeholders, `code`, quotes and code names."""
    for pattern in (r"\{[^{}]*\}", r"`[^`]*`", r"'[^']*'", r'"[^"]*"', r"\$\([^)]*\)"):
        text = re.sub(pattern, " ", text)
    words = re.findall(r"[A-Za-z][A-Za-z0-9_.\-]*", text)
    return [w for w in words if w not in code_names and not w.isupper()  # YAML, PDF, CJK, LAYOUT
            and not re.search(r"[_0-9.]|-[a-z]", w)]  # title_zh, UTF-8, facts.yaml, fonts-noto-cjk


def test_no_chinese_message_holds_english_words_outside_placeholders_and_code_names():
    from generator.i18n import CATALOGUE, CLICK_CATALOGUE
    from generator.messages import extracted_messages

    code_names = _code_names()
    translated = {**_translated(_read(CLICK_CATALOGUE)), **_translated(_read(CATALOGUE))}
    wanted = [m.id for m in extracted_messages() if m.id]
    def shown(message):  # a plural's Chinese forms, else the message itself
        text = translated.get(message, message)
        return " ".join(text) if isinstance(text, tuple) else text

    english = {message: found for message in wanted if (found := _english_words(shown(message), code_names))}
    assert english == {}
    # the check itself finds an untranslated message
    assert _english_words("the layout allows {pages} pages", code_names) == ["the", "layout", "allows", "pages"]


def _untranslated(node) -> bool:
    """Whether an expression is a message in English that does not go through _(): a string literal or f-string
    with words, or one joined to such a string."""
    import ast

    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(re.search(r"[A-Za-z]{2,}", node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_untranslated(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp):
        return _untranslated(node.left) or _untranslated(node.right)
    if isinstance(node, (ast.BoolOp,)):
        return any(_untranslated(value) for value in node.values)
    if isinstance(node, ast.IfExp):
        return _untranslated(node.body) or _untranslated(node.orelse)
    return False  # _("…"), _("…").format(…), a name, a call


def test_every_message_raised_warned_or_printed_goes_through_the_catalogue():
    import ast

    found = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
            if name in ("GeneratorError", "Issue"):
                shown = [*node.args[:1], *node.args[2:3]]
            elif name == "add" and len(node.args) >= 2:  # IssueCollector.add(ref, message, hint)
                shown = node.args[1:3]
            elif name in ("warn", "echo"):
                shown = node.args[:1]
            else:
                continue
            shown += [keyword.value for keyword in node.keywords if keyword.arg in ("hint", "message")]
            found += [f"{path.relative_to(ROOT)}:{node.lineno}: {ast.unparse(arg)[:80]}" for arg in shown
                      if _untranslated(arg)]
    assert found == []


def test_the_systems_reasons_are_told_in_the_interfaces_language():
    import errno

    from generator.i18n import os_reason, set_ui_language

    refused = PermissionError(errno.EACCES, "Permission denied")
    try:
        set_ui_language("zh")
        assert os_reason(refused) == "权限不足" and os_reason(OSError(errno.ENOSPC, "No space left on device")) == "磁盘空间已满"
        assert os_reason(OSError(errno.EIO, "Input/output error")) == "Input/output error"  # no word of ours: the system's
        set_ui_language("en")
        assert os_reason(refused) == "Permission denied"
    finally:
        set_ui_language(None)
