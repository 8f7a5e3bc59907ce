"""Long jobs as plain functions in a child process: progress over a pipe, a stop flag, a clear end."""
