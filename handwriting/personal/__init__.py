"""The user's handwriting: the sample store, the enrolment plan, replay data and the fine-tune."""
