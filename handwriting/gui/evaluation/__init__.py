"""The Evaluation tab: accuracy, the confusion matrix, the reliability diagram and the mistakes."""
