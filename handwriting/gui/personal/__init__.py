"""The user's handwriting on screen: corrections, enrolment and the samples dialog."""
