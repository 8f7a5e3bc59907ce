"""Look inside: every layer of the numpy forward pass on one drawing, and what decided the answer."""
