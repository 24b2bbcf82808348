"""Run Facilitator from a checkout: `python main.py [COMMAND] …` is the `facilitator` command."""

import sys

from facilitator.cli import main

if __name__ == "__main__":
    sys.exit(main())
