"""Reading one digit: preprocessing, the numpy forward pass, calibration, image files, the Recognizer."""
