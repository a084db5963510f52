"""Benchmark the .xlsx reader: write N single-form workbooks, then time reading them.

    python benchmarks/bench_office.py [N]        (N defaults to 1000)

Each workbook holds one of the seed's five forms (title, header, funds as numbers with a
number format, dates as dates, merged level cells), with its own project name, written
by fixtures/office/make_office_fixtures.py. Reading goes through `linter.read.read_path`,
the path the CLI takes: package sniffing, openpyxl in read-only mode, the <mergeCells>
scan and `build_forms`. The first file is read once before timing (imports, vocabulary).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> int:
    count = int(argv[0]) if argv else 1000
    sys.path.insert(0, str(ROOT / "fixtures" / "office"))
    sys.path.insert(0, str(ROOT))
    import make_office_fixtures as make

    from linter.read import read_path

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        paths = []
        for i in range(count):
            form = make.FORMS[i % len(make.FORMS)]
            path = folder / f"form{i:05d}.xlsx"
            make.write_single_xlsx(path, form, name=f"{form['name']}{i:05d}")
            paths.append(path)
        written = time.perf_counter() - start
        size = sum(p.stat().st_size for p in paths)

        read_path(paths[0])  # warm-up: imports, level vocabulary, target grammar
        start, cpu = time.perf_counter(), time.process_time()
        forms = indicators = 0
        for path in paths:
            doc = read_path(path)
            forms += len(doc.forms)
            indicators += sum(len(f.indicators) for f in doc.forms)
        elapsed = time.perf_counter() - start
        cpu = time.process_time() - cpu

    print(f"wrote {count} workbooks ({size / 1024:.0f} KiB) in {written:.2f} s")
    print(
        f"read {count} workbooks: {forms} forms, {indicators} indicators in {elapsed:.2f} s "
        f"({elapsed / count * 1000:.2f} ms per file, {count / elapsed:.0f} files/s; "
        f"CPU {cpu:.2f} s, {cpu / count * 1000:.2f} ms per file)"
    )
    return 0 if forms == count else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
