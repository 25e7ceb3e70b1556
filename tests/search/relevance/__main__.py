"""Print the relevance report: ``.venv/bin/python -m tests.search.relevance``.

The same as ``.venv/bin/python -m pytest tests/search/relevance -s -q``; extra
arguments go to pytest (e.g. ``-k floors``). Set ``RELEVANCE_REPORT=path.json`` to
keep the JSON report.
"""

import sys
from pathlib import Path

import pytest

if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    sys.exit(pytest.main([str(here), "-s", "-q", *sys.argv[1:]]))
