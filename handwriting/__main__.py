"""`python -m handwriting` runs the command line."""

import sys

from handwriting.cli import main

sys.exit(main())
