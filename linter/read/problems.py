"""The problems a reader reports, with their messages in Chinese and English."""

from __future__ import annotations

from linter.model import Problem, Span

# code → (zh, en) templates.
MESSAGES: dict[str, tuple[str, str]] = {
    "unplaced-cell": (
        "无法归类的单元格「{text}」：不是表头字段、指标层级、指标名称或指标值",
        "cell “{text}” could not be placed: not a header field, level, indicator name or target",
    ),
    "target-without-name": (
        "第 {line} 行有指标值「{text}」但没有指标名称（三级指标）",
        "line {line} has the target “{text}” but no indicator name (三级指标)",
    ),
    "truncated-form": (
        "第 {index} 张表在第 {line} 行中断：{what_zh}",
        "form {index} is cut off at line {line}: {what_en}",
    ),
    "no-indicator-table": (
        "第 {index} 张表（至第 {line} 行）没有指标表（一级指标/二级指标/三级指标）",
        "form {index} (to line {line}) has no indicator table (一级指标/二级指标/三级指标)",
    ),
    "unknown-level": (
        "未知的指标层级名称「{text}」（不在 rules/vocab/levels.yaml 中）",
        "unknown indicator level “{text}” (not in rules/vocab/levels.yaml)",
    ),
    "bad-number": (
        "「{label}」的值「{text}」不是有效数字",
        "the value “{text}” of {label} is not a valid number",
    ),
    "number-out-of-range": ("{field}：{zh}", "{field}: {en}"),
    "bidi-control": (
        "「{text}」含有双向文本控制字符 {codes}：显示的顺序可能与实际内容不同（请删除这些字符）",
        "“{text}” holds bidirectional control characters {codes}: what is shown may differ from what is "
        "there (remove them)",
    ),
    "bad-date": (
        "「{label}」的值「{text}」不是有效日期",
        "the value “{text}” of {label} is not a valid date",
    ),
    "missing-title": (
        "第 {index} 张表没有标题（如“财政项目支出绩效目标申报表”），从第 {line} 行开始",
        "form {index} has no title (such as 财政项目支出绩效目标申报表); it starts at line {line}",
    ),
    "unknown-template": (
        "未知的模板「{text}」（已知：{known}）",
        "unknown template “{text}” (known: {known})",
    ),
    "unknown-column": (
        "指标表第 {col} 列的表头「{text}」无法归类（不在任何模板 rules/layouts/ 的列名中），该列未读取",
        "column {col} of the indicator table, headed “{text}”, has no known role (in no layout of "
        "rules/layouts/); it was not read",
    ),
    "not-a-target-form": (
        "这是{what_zh}，不是绩效目标表：已识别并跳过（第 {line} 行起）",
        "this is {what_en}, not a performance-target form: recognised and skipped (from line {line})",
    ),
    "unsplit-row": (
        "第 {line} 行的单元格连在一起，无法拆分（词表中的指标层级和指标值语法都切不开）：「{text}」",
        "line {line} runs its cells together and could not be split (neither the level names "
        "nor the target grammar tell them apart): “{text}”",
    ),
}


def problem(code: str, span: Span | None, **fields: object) -> Problem:
    """A `Problem` with the messages of `code` filled in from `fields`."""
    zh, en = MESSAGES[code]
    return Problem(code, zh.format(**fields), en.format(**fields), span)
