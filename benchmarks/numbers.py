"""Whole numbers: `python benchmarks/numbers.py [options]` runs benchmarks/number_reading.py (the same options).

This file has the name issue 22 gave the benchmark, which is also the name of the standard library's `numbers`
module. numpy imports that module, and a script run from this folder finds this file first; so, imported rather
than run, this file loads the standard library's `numbers` in its place and nothing else.
"""

import sys
from pathlib import Path

if __name__ == "__main__":
    import runpy

    runpy.run_path(str(Path(__file__).with_name("number_reading.py")), run_name="__main__")
else:  # imported as `numbers` by numpy, in a script run from this folder: hand over to the standard library's
    import importlib.util
    import sysconfig

    _spec = importlib.util.spec_from_file_location("numbers", Path(sysconfig.get_paths()["stdlib"]) / "numbers.py")
    _module = importlib.util.module_from_spec(_spec)
    sys.modules["numbers"] = _module
    _spec.loader.exec_module(_module)
