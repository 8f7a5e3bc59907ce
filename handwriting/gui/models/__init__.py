"""The Model menu and the presenter that shows the model in use across the window."""
