"""Retraining on screen: the Retrain dialog, the training curves and the flow after a run."""
