"""jxlint's own words in Chinese and English: one catalogue keyed by language.

`say(key, lang, **fields)` gives the words of `key` in `lang` with `{fields}` filled in;
`pick(lang, zh, en)` chooses between the two texts an object carries (a reader problem's
message, a rule's title). Both treat any language but English as Chinese, the default.

What lives here is the program's own wording (the engine's notes, the fixer's reasons, the
language server's labels). The words a finance office reviews and changes — a rule's title,
message and basis, a template's labels, the vocabulary — stay in schema-checked YAML under
rules/. Other catalogues keyed by language: the reader's problems (linter/read/problems.py),
the audit report's labels (linter/audit/labels.py), the annotators' (linter/annotate/notes.py).
`tests/test_messages.py` checks that every key has both languages with the same fields and
that every key the code says exists.
"""

from __future__ import annotations

LANGS = ("zh", "en")

MESSAGES: dict[str, dict[str, str]] = {
    "zh": {
        # engine: a rule that raised (linter/engine/runner.py)
        "rule-failed": "规则 {rule}（{name}）在{where}上运行出错：{detail}；其他规则照常运行",
        "rule-failed-where": "第{index}张表「{project}」",
        # checks (linter/engine/checks/)
        "first-stated-here": "首次出现于此",
        "delete-later-row": "删除第 {line} 行，保留第 {first} 行（{target}）",
        "write-instead": "改为 {expected}",
        "not-a-date": "“{raw}”不是有效日期",
        "start-after-end": "开始日期晚于完成日期",
        "plan-outside-year": "计划期不在{year}年度内",
        "plan-period": "计划期",
        # fixes not applied (linter/fixes.py)
        "fix-skipped-unsafe": "不安全的修复，需 --unsafe-fixes",
        "fix-skipped-overlap": "与另一处修复重叠，已跳过",
        "fix-skipped-invalid-span": "修复的位置超出了文件内容",
        "fix-skipped-other-file": "修复属于另一个文件",
        # the annotated YAML copy's comment (linter/annotate/yaml_text.py)
        "comment-fix": "（{fix_word}：{fix}）",
        # language server (linter/lsp.py)
        "basis": "依据",
    },
    "en": {
        "rule-failed": "rule {rule} ({name}) failed on {where}: {detail}; the other rules ran",
        "rule-failed-where": "form {index} «{project}»",
        "first-stated-here": "first stated here",
        "delete-later-row": "delete line {line}, keep line {first} ({target})",
        "write-instead": "write {expected}",
        "not-a-date": "“{raw}” is not a date",
        "start-after-end": "start is after end",
        "plan-outside-year": "the plan does not touch {year}",
        "plan-period": "plan period",
        "fix-skipped-unsafe": "unsafe fix, needs --unsafe-fixes",
        "fix-skipped-overlap": "overlaps another fix, skipped",
        "fix-skipped-invalid-span": "the fix points outside the file's text",
        "fix-skipped-other-file": "the fix belongs to another file",
        "comment-fix": " ({fix_word}: {fix})",
        "basis": "Basis",
    },
}


def language(lang: str | None) -> str:
    """The catalogue language of `lang`: en for English, zh for anything else."""
    return "en" if lang == "en" else "zh"


def say(key: str, lang: str | None = "zh", **fields: object) -> str:
    """The words of `key` in `lang`, with `{name}` placeholders filled from `fields`."""
    text = MESSAGES[language(lang)][key]
    return text.format(**fields) if fields else text


def pick(lang: str | None, zh: str, en: str) -> str:
    """The one of two texts (an object's Chinese and English) for `lang`."""
    return en if lang == "en" else zh
