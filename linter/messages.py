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
        # the command line's notes on standard error (linter/commands/)
        "cannot-write-back": (
            "无法把修复写回此文件（PDF、HTML、CSV、Excel、Word 文件只读；只有文本格式的申报表可自动修复）："
            "请按各条发现的修复说明手工修改"
        ),
        "fixed-count": "jxlint: 已修复 {n} 处",
        "skipped-tail": "，已跳过",
        "unknown-suffix-skipped": "不是申报表文件（扩展名不认识），已跳过",
        "total": "合计",
        "audit-done": "jxlint: 共 {forms} 张表，{findings} 条问题 → {output}",
        "annotate-lost-drawings": "原工作簿中的图表、图片未能保留在批注副本中（openpyxl 不能保留）",
        "annotate-done": "jxlint: {source} → {target}（{n} 条意见）",
        # jxlint explain (linter/commands/rules.py)
        "explain-severity": "默认级别",
        "explain-category": "类别",
        "explain-scope": "对象",
        "explain-condition": "条件",
        "explain-fix": "修复",
        "explain-basis": "依据",
        "explain-examples": "示例：",
        "explain-bad": "✗ 有问题",
        "explain-good": "✓ 正确",
        "explain-example-ok": "示例检查通过",
        "explain-base-example": "（基础示例表原样）",
        "basis-official": "官方规定",
        "basis-heuristic": "本办经验",
        "basis-arithmetic": "算术关系",
        "basis-tool": "jxlint 读取约定",
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
        "cannot-write-back": (
            "fixes cannot be written back into this file (PDF, HTML, CSV, Excel or Word: only text forms "
            "are fixed in place); make the changes the findings describe by hand"
        ),
        "fixed-count": "jxlint: fixed {n}",
        "skipped-tail": "; skipped",
        "unknown-suffix-skipped": "not a form file (unknown suffix), skipped",
        "total": "total",
        "audit-done": "jxlint: {forms} forms, {findings} findings → {output}",
        "annotate-lost-drawings": "the copy lacks the original's charts and images (openpyxl cannot keep them)",
        "annotate-done": "jxlint: {source} → {target} ({n} findings)",
        "explain-severity": "severity",
        "explain-category": "category",
        "explain-scope": "scope",
        "explain-condition": "condition",
        "explain-fix": "fix",
        "explain-basis": "basis",
        "explain-examples": "examples:",
        "explain-bad": "✗ bad",
        "explain-good": "✓ good",
        "explain-example-ok": "behaves as stated",
        "explain-base-example": "(the base example form as it is)",
        "basis-official": "official guidance",
        "basis-heuristic": "the office's heuristic",
        "basis-arithmetic": "arithmetic",
        "basis-tool": "jxlint's reading",
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
