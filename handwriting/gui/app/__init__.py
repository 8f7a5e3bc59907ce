"""The application: start-up, the main window that builds and connects, its tabs and automation."""
