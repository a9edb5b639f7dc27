"""`python -m studio`: see studio/cli.py."""

import sys

from studio.cli import main

sys.exit(main())
