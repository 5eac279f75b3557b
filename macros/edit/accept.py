"""`python -m macros.edit.accept KEY [KEY ...]` (`make accept KEY=…`): the English of these
texts still says what their changed Chinese says, so it is no longer marked stale. Editors in
a browser add `en_still_matches: true` beside the text instead; `make fmt` records that."""

from __future__ import annotations

import sys
from pathlib import Path

from ..model.load import load_dataset
from ..model.translations import LOCK_NAME, accept, read_lock, render_lock


def main(argv: list[str] | None = None) -> int:
    """Keys as the check names them: `xingu-tax-revenue.text` (a trailing `.en` is allowed)."""
    args = sys.argv[1:] if argv is None else argv
    if not args:
        print("usage: make accept KEY=xingu-tax-revenue.text   (several: KEY=\"a.text b.title\")")
        return 2
    data_dir = Path("data")
    dataset, problems = load_dataset(data_dir, Path.cwd())
    if dataset is None:
        print("the data has problems; run `make check` first")
        return 1
    lock, unknown = accept(dataset, read_lock(data_dir), args)
    for key in unknown:
        print(f"{key}: no such text")
    (data_dir / LOCK_NAME).write_text(render_lock(lock), encoding="utf-8")
    print(f"accepted {len(args) - len(unknown)} English text(s) as matching their Chinese")
    return 1 if unknown else 0


if __name__ == "__main__":
    sys.exit(main())
