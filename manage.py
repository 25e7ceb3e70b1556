#!/usr/bin/env python
"""Django's command-line entry point.

The project lives in the ``site/`` folder, which cannot be imported as a package
(``site`` is a standard-library module), so the folder itself goes on ``sys.path``
and its ``config`` package is imported by that name.
"""

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "site"))


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
