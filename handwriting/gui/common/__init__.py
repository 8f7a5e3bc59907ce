"""Shared GUI parts: actions, dialogs, plots, images, the status bar, wording and the UI language."""
