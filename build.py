"""Entry point: ``python build.py [build|check] [options]``; see ``python build.py --help``."""

import sys

from guide_builder.cli import main

if __name__ == "__main__":
    sys.exit(main())
