"""Entry point: ``python build.py [build|check] [options]``; see ``python build.py --help``."""

import os
import sys

from guide_builder.cli import main

if __name__ == "__main__":
    try:
        code = main()
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:  # whoever read the output went away (build.py … | head): nothing to say
        os._exit(1)
    # Everything is written and closed by now. Leaving at once skips the interpreter's teardown,
    # which frees the whole guide object by object: 0.07 s after 1,000 entries, more after more.
    os._exit(code)
