"""The fixed wording of each language in one place: the separators, how a tag is bracketed, and every phrase compose
and the kinds of slide and part say, by key. {results_year} and {plan_year} are the dataset's years; other names
in braces are filled in where the phrase is used."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

_T = TypeVar("_T")

NO_BREAK_SPACE = "\u00a0"


@dataclass(frozen=True)
class Words:
    """The fixed wording of one language."""

    lang: str
    position: int  # this language's place in a (Chinese, English) pair
    sep: str  # between a label and what it says: 来源：…, Source: …
    list_sep: str  # between the items of a list in running text
    series_sep: str  # between the figures or roles of one table cell
    sentence_gap: str  # between two sentences
    bracket: str  # a tag after its text: 招引项目（2020年）, Projects attracted (2020)
    bracket_joined: str  # the same, the tag kept on the line of what it tags
    tag_space: str  # what joins the words of a tag, so that a tag stays together
    cased: bool  # the language has capitals: a label within a phrase starts in lower case, unless it is a name
    phrases: Mapping[str, str]

    def __getitem__(self, key: str) -> str:
        return self.phrases[key]

    def of(self, zh_en: tuple[_T, _T]) -> _T:
        """The one of a (Chinese, English) pair in this language."""
        return zh_en[self.position]

    def bracketed(self, text: str, tag: str) -> str:
        """text with tag in brackets, as it is written."""
        return self.bracket.format(text=text, tag=tag)

    def tagged(self, text: str, tag: str, joined: bool = False) -> str:
        """text with tag in brackets, the tag's words kept together; joined: the tag stays on the line of text."""
        return (self.bracket_joined if joined else self.bracket).format(text=text,
                                                                        tag=tag.replace(" ", self.tag_space))


ZH = Words(
    lang="zh", position=0, sep="：", list_sep="；", series_sep="、", sentence_gap="", bracket="{text}（{tag}）",
    bracket_joined="{text}（{tag}）", tag_space=" ", cased=False,
    phrases={
        # headings, columns and names several kinds use
        "timeline": "重点项目时间线",
        "comparison": "{results_year}年实绩与{plan_year}年目标",
        "projects": "重点项目与机构",
        "indicator": "指标",
        "value": "数值",
        "period": "时期",
        "name": "名称",
        "kind": "类别",
        "related": "相关数据",
        "continued": "（续）",
        "source": "来源",
        "group_of": "{kind}（合计）",
        "of_which": "其中：{part}",
        # results beside targets: a column of results of {when}, and of results and targets of other periods
        "actual": "{when}实绩",
        "actual_plain": "实绩",
        "both": "{actual}与{target}",
        "target": "目标",
        "progress": "完成情况",
        "no_result": "暂无实绩数据",
        "targets_title": "{period}目标完成情况",
        # how a derived figure was computed, in notes and the appendix
        "formula": "计算：{sum}",
        "growth": "（{a} ÷ {b} − 1）× 100%",
        "reached": "{a}，已达到{b}",
        # charts: of one measure and status, and of one measure over periods
        "chart_title": "{when}{measure}",
        "trend": "{measure}各期实绩",
        # where a quote is from
        "citation": "{publication}《{title}》",
        # what a status adds to its period; a running total or stock to date, and a long-term goal
        "when.target": "{period}目标",
        "when.pipeline": "{period}，推进中",
        "when.goal": "{period}目标",
        "to_date.cumulative": "累计",
        "to_date.pipeline": "推进中",
        "long_term.goal": "中长期目标",
        # a share's base after the share
        "share_base": "（基数{base}）",
        # the default titles and words of the kinds of slide and part
        "agenda.title": "汇报提纲",
        "closing.title": "谢谢！",
        "fact_table.title": "数据一览",
        "industries.title": "重点产业",
        "industries.industry": "产业",
        "industries.role": "定位",
        "kpis.title": "主要指标",
        "markets.title": "招商重点区域",
        "appendix.title": "附录：数据与原文出处",
        "appendix.id": "序号",
        "appendix.quote": "原文",
        "at_a_glance.title": "要点速览",
        "contents.title": "目录",
        "section.facts": "本部分数据",
        # under the targets part's table: how targets and results are paired, and (when the table shows one)
        # that a computed figure is the program's, not a source's
        "targets.paired": "实绩与目标按同一指标、同一主体、同一时期（或其中一段）配对。",
        "targets.computed": "标注“计算”的数字由本系统依据两项原文数据计算，算式见附录。",
    },
)

EN = Words(
    lang="en", position=1, sep=": ", list_sep="; ", series_sep="; ", sentence_gap=" ", bracket="{text} ({tag})",
    bracket_joined="{text}" + NO_BREAK_SPACE + "({tag})", tag_space=NO_BREAK_SPACE, cased=True,
    phrases={
        "timeline": "Milestones",
        "comparison": "{results_year} results and {plan_year} targets",
        "projects": "Key projects and institutions",
        "indicator": "Indicator",
        "value": "Value",
        "period": "Period",
        "name": "Name",
        "kind": "Type",
        "related": "Figures",
        "continued": " (continued)",
        "source": "Source",
        "group_of": "{kinds} (together)",
        "of_which": "of which: {part}",
        "actual": "{when} actual",
        "actual_plain": "Actual",
        "both": "{actual} and {target}",
        "target": "Target",
        "progress": "Progress",
        "no_result": "no result reported yet",
        "targets_title": "Progress on the {period} targets",
        "formula": "Computed: {sum}",
        "growth": "({a} ÷ {b} − 1) × 100%",
        "reached": "{a}, reaching {b}",
        "chart_title": "{measure}, {when}",
        "trend": "{measure}, results by period",
        "citation": "{publication}, “{title}”",
        "when.target": "{period} target",
        "when.pipeline": "in progress {period}",
        "when.goal": "goal for {period}",
        "to_date.cumulative": "to date",
        "to_date.pipeline": "in progress",
        "long_term.goal": "multi-year goal",
        "share_base": " (of {base})",
        "agenda.title": "Agenda",
        "closing.title": "Thank you",
        "fact_table.title": "Facts and figures",
        "industries.title": "Key industries",
        "industries.industry": "Industry",
        "industries.role": "Role",
        "kpis.title": "Key figures",
        "markets.title": "Where we look for partners",
        "appendix.title": "Appendix: every figure and its source",
        "appendix.id": "No.",
        "appendix.quote": "Source text (Chinese)",
        "at_a_glance.title": "At a glance",
        "contents.title": "Contents",
        "section.facts": "Figures of this part",
        "targets.paired": "Each target is paired with the result of the same measure, subject and period (or part of "
                          "it).",
        "targets.computed": "Figures marked (computed) are calculated from two figures of the sources; the appendix "
                            "gives each formula.",
    },
)

#: the wording of each language a document is composed in
WORDS: dict[str, Words] = {words.lang: words for words in (ZH, EN)}
