"""The Look inside tab: every layer as maps and strips, and its details panel."""
