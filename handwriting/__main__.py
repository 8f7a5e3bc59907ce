"""`python -m handwriting` runs the command line."""

import sys

from handwriting.cli.main import main

sys.exit(main())
