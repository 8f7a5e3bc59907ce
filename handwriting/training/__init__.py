"""Training: the network presets, augmentation, the recipe, evaluation and training logs (TensorFlow)."""
