"""The Draw tab: the canvas, the pen width and the panel of prediction, input and bars."""
